package dev.zisk4j.io;

import java.io.IOException;

/**
 * The input stream is not a valid record stream at {@link #offset()}: truncated header or payload,
 * a length over the configured maximum, non-zero padding, or an undecodable typed value.
 */
public final class InputFormatException extends IOException {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public InputFormatException(long offset, String message) {
    super(message + " (offset=" + offset + ")");
    this.offset = offset;
  }

  public InputFormatException(long offset, String message, Throwable cause) {
    super(message + " (offset=" + offset + ")", cause);
    this.offset = offset;
  }

  /** Byte offset in the input stream where the problem starts. */
  public long offset() {
    return offset;
  }
}

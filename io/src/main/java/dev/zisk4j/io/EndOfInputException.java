package dev.zisk4j.io;

import java.io.EOFException;

/**
 * A read was asked for at a clean end of input (exactly at a record boundary): the input is complete
 * and valid, but the caller expected more. Use {@link InputReader#hasMore()} to ask without an exception.
 */
public final class EndOfInputException extends EOFException {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public EndOfInputException(long offset, String expected) {
    super("end of input: offset=" + offset + ", expected=" + expected);
    this.offset = offset;
  }

  /** Byte offset of the end in the input stream. */
  public long offset() {
    return offset;
  }
}

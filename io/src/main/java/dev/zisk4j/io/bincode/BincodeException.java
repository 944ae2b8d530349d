package dev.zisk4j.io.bincode;

import java.io.IOException;

/** Bytes that are not a valid bincode encoding of the expected type; the message names the offset and what was expected. */
public final class BincodeException extends IOException {
  private static final long serialVersionUID = 1L;

  public BincodeException(String message) {
    super(message);
  }
}

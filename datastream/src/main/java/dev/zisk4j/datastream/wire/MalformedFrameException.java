package dev.zisk4j.datastream.wire;

import java.io.IOException;

/**
 * A frame or packet that cannot be parsed or skipped safely: the byte stream can no longer be
 * trusted, so the connection must be closed. The message names the offending field and value.
 */
public final class MalformedFrameException extends IOException {
  public MalformedFrameException(String message) {
    super(message);
  }
}

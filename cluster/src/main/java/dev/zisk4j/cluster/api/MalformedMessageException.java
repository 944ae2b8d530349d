package dev.zisk4j.cluster.api;

/** A field of a cluster message whose bytes do not parse as the engine object it must carry. */
public final class MalformedMessageException extends Exception {
  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }

  public MalformedMessageException(String message) {
    super(message);
  }
}

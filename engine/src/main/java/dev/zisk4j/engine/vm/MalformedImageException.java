package dev.zisk4j.engine.vm;

/** A program image (bytes or assembled) that the loader rejects; the message names the field. */
public final class MalformedImageException extends Exception {
  public MalformedImageException(String message) {
    super(message);
  }
}

package dev.zisk4j.engine.segment;

/** Engine wire bytes (bundle, segment proof, commitment, checkpoint) that do not parse. */
public final class MalformedProofException extends Exception {
  public MalformedProofException(String message) {
    super(message);
  }
}

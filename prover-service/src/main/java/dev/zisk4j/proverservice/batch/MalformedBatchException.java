package dev.zisk4j.proverservice.batch;

/** Batch bytes that are not a BATCH.md batch; the message names the offset and what was expected. */
public final class MalformedBatchException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedBatchException(String message) {
    super(message);
  }
}

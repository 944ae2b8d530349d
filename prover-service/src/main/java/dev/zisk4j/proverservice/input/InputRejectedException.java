package dev.zisk4j.proverservice.input;

/**
 * A request field that breaks its documented form or limit; the message names the field, what it
 * held (shortened) and what was expected. Answered in-band (RESULT_GEN_PROOF_ERROR, RESULT_EXECUTE_ERROR).
 */
public final class InputRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public InputRejectedException(String message) {
    super(message);
  }

  /** At most 40 characters of {@code v}, for messages about hostile values. */
  public static String shorten(String v) {
    return v.length() <= 40 ? v : v.substring(0, 37) + "...(" + v.length() + " chars)";
  }
}

package dev.zisk4j.proverservice.store;

/** The request database failed (I/O, corruption, a full disk); the message names the operation. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

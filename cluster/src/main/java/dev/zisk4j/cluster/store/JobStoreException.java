package dev.zisk4j.cluster.store;

/** The durable job store could not be opened, written or read; the message names the database and the operation. */
public final class JobStoreException extends RuntimeException {
  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

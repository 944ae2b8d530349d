package dev.zisk4j.sdk;

import dev.zisk4j.engine.api.GuestFaultException;

/**
 * A prove job's failure because the guest faulted (bad address, failed ASSERT, INV of zero, pc out of
 * the program): there is no proof. The message names the segment and pc.
 */
public final class GuestFaultError extends RuntimeException {
  GuestFaultError(GuestFaultException cause) {
    super(cause.getMessage(), cause);
  }

  /** The segment in which the guest faulted. */
  public int segment() {
    return ((GuestFaultException) getCause()).segment();
  }
}

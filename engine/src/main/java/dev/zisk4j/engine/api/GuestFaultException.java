package dev.zisk4j.engine.api;

import dev.zisk4j.engine.vm.Fault;

/** The guest faulted while being executed for a proof: there is no proof. Names segment and pc. */
public final class GuestFaultException extends Exception {
  private final Fault fault;
  private final int segment;

  public GuestFaultException(Fault fault, int segment) {
    super(fault + " (segment " + segment + "): no proof");
    this.fault = fault;
    this.segment = segment;
  }

  public Fault fault() {
    return fault;
  }

  public int segment() {
    return segment;
  }
}

package dev.zisk4j.cluster.store;

/** The running phase of a prove job (cluster.md §2.3); NONE outside Running. */
public enum JobPhase {
  NONE(""), CONTRIBUTIONS("CONTRIBUTIONS"), PROVE("PROVE"), AGGREGATE("AGGREGATE");

  private final String wire;

  JobPhase(String wire) {
    this.wire = wire;
  }

  /** The admin API's string ("" for NONE). */
  public String wire() {
    return wire;
  }
}

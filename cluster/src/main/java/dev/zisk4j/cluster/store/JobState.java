package dev.zisk4j.cluster.store;

/** A job's lifecycle state as the admin API names it (cluster.md §1.1, §2.3). */
public enum JobState {
  QUEUED, RUNNING, WAITING_FOR_INPUT, COMPLETED, FAILED, CANCELLED;

  /** Whether the job can change no more. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}

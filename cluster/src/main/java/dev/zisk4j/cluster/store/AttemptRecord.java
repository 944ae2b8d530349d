package dev.zisk4j.cluster.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One try of one task and how it ended (design §4 {@code attempts}): the job's history, so an operator
 * can see a lost worker and the retry that replaced it.
 *
 * @param task PARTIAL_CONTRIBUTION or PROVE
 * @param attempt 1-based, per task
 * @param outcome DONE, FAILED (error, invalid result, failed verification) or LOST (worker gone)
 * @param error empty when DONE
 */
public record AttemptRecord(String task, int segment, int attempt, String worker, Outcome outcome, String error,
    Instant at) {
  public enum Outcome { DONE, FAILED, LOST }

  public AttemptRecord {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
  }
}

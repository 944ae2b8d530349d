package dev.zisk4j.cluster.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store keeps of one job: an immutable snapshot written at every transition (the
 * dispatcher builds a new one each time, so readers never see a half-updated job).
 *
 * @param failure empty unless FAILED; the reason as the client API reports it
 * @param result the proof bundle (prove), empty otherwise or until COMPLETED
 * @param outputs the guest's output words, empty until known
 * @param attempts every finished task attempt so far, in order (the job's history)
 * @param owner the name of the caller that submitted it ({@code ""} on a coordinator without authentication)
 * @param verifyingKey the job's verifying key bytes once known (prove and setup results carry it), so a
 *     terminal job is answered from the store after a restart
 */
public record JobRecord(String jobId, String blockId, JobKind kind, String hashId, JobState state, JobPhase phase,
    Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt, int segments, int segmentsProved,
    int failedAttempts, List<String> assignedWorkers, Optional<Failure> failure, Optional<byte[]> result,
    Optional<long[]> outputs, long steps, List<AttemptRecord> attempts, String owner, Optional<byte[]> verifyingKey) {

  /** A snapshot without a verifying key (not known yet). */
  public JobRecord(String jobId, String blockId, JobKind kind, String hashId, JobState state, JobPhase phase,
      Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt, int segments, int segmentsProved,
      int failedAttempts, List<String> assignedWorkers, Optional<Failure> failure, Optional<byte[]> result,
      Optional<long[]> outputs, long steps, List<AttemptRecord> attempts, String owner) {
    this(jobId, blockId, kind, hashId, state, phase, createdAt, startedAt, finishedAt, segments, segmentsProved,
        failedAttempts, assignedWorkers, failure, result, outputs, steps, attempts, owner, Optional.empty());
  }

  /** Why a job failed, by kind (client API JobFailure). */
  /** @param limit for a timeout, the limit that was exceeded (ZERO when not known) */
  public record Failure(Kind kind, String reason, JobPhase phase, java.time.Duration limit) {
    public enum Kind { TIMEOUT, INPUT, EXECUTION, INTERNAL, CANCELLED }

    public Failure {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(limit, "limit");
    }

    public Failure(Kind kind, String reason, JobPhase phase) {
      this(kind, reason, phase, java.time.Duration.ZERO);
    }
  }

  public JobRecord {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(verifyingKey, "verifyingKey");
    assignedWorkers = List.copyOf(assignedWorkers);
    attempts = List.copyOf(attempts);
  }
}

package dev.zisk4j.cluster.store;

import java.util.List;
import java.util.Optional;

/**
 * Where job state lives (cluster.md §4). The dispatcher writes a snapshot synchronously at every
 * transition; readers (admin and client API) read snapshots. Implementations: {@link InMemoryJobStore} and
 * the durable {@link JdbcJobStore} (H2/PostgreSQL). Implementations are
 * thread-safe.
 */
public interface JobStore extends AutoCloseable {
  /**
   * Inserts or replaces the job's snapshot synchronously: durable (committed) when this returns. For the
   * writes cluster.md §4 lists as synchronous (job insert, input EOF, result + attempt DONE, phase
   * change, terminal state, cancel).
   *
   * @throws JobStoreException if a durable store cannot commit
   */
  void put(JobRecord job);

  /**
   * Inserts or replaces the job's snapshot write-behind (§4: attempt start, counters): visible to
   * {@link #get}/{@link #list} at once, committed with the next group commit; a crash may lose it. The
   * default is {@link #put}.
   */
  default void putBehind(JobRecord job) {
    put(job);
  }

  /** The job's latest snapshot, or empty if the id is unknown. */
  Optional<JobRecord> get(String jobId);

  /** Jobs newest first; only non-terminal ones if {@code activeOnly}; at most {@code limit} (0 = all). */
  List<JobRecord> list(boolean activeOnly, int limit);

  /**
   * Whether jobs survive a restart of the process (the coordinator recovers from it, cluster.md §4). When
   * false the input/program methods below keep nothing.
   */
  default boolean durable() {
    return false;
  }

  /**
   * Stores what recovery needs to run the job again, synchronously (committed on return): written before
   * the job's snapshot says it has its input. A durable store only; the default keeps nothing.
   *
   * @throws JobStoreException if a durable store cannot commit
   */
  default void putInput(String jobId, JobInput input) {}

  /** The job's stored input, or empty (never stored, deleted at its terminal state, or not durable). */
  default Optional<JobInput> input(String jobId) {
    return Optional.empty();
  }

  /** Forgets the job's input (retention, §4: inputs go at the terminal state). */
  default void deleteInput(String jobId) {}

  /** Stores a registered guest program (encoded image) under its hash id, synchronously; idempotent. */
  default void putProgram(String hashId, byte[] image) {}

  /** Every stored program: hash id → encoded image. */
  default java.util.Map<String, byte[]> programs() {
    return java.util.Map.of();
  }

  @Override
  default void close() {}
}

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

  @Override
  default void close() {}
}

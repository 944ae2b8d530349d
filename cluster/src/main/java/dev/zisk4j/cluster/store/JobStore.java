package dev.zisk4j.cluster.store;

import java.util.List;
import java.util.Optional;

/**
 * Where job state lives (cluster.md §4). The dispatcher writes a snapshot synchronously at every
 * transition; readers (admin and client API) read snapshots. Part 1 has {@link InMemoryJobStore};
 * the durable JDBC store (H2/PostgreSQL) goes behind this interface in part 2. Implementations are
 * thread-safe.
 */
public interface JobStore extends AutoCloseable {
  /** Inserts or replaces the job's snapshot. */
  void put(JobRecord job);

  /** The job's latest snapshot, or empty if the id is unknown. */
  Optional<JobRecord> get(String jobId);

  /** Jobs newest first; only non-terminal ones if {@code activeOnly}; at most {@code limit} (0 = all). */
  List<JobRecord> list(boolean activeOnly, int limit);

  @Override
  default void close() {}
}

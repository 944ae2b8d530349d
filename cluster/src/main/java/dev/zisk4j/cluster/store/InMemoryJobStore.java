package dev.zisk4j.cluster.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Job snapshots in a map: lost when the process ends (the durable one is {@link JdbcJobStore}). */
public final class InMemoryJobStore implements JobStore {
  private final ConcurrentHashMap<String, JobRecord> jobs = new ConcurrentHashMap<>();

  @Override
  public void put(JobRecord job) {
    jobs.put(job.jobId(), job);
  }

  @Override
  public Optional<JobRecord> get(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  @Override
  public List<JobRecord> list(boolean activeOnly, int limit) {
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord r : jobs.values()) {
      if (!activeOnly || !r.state().terminal()) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(JobRecord::createdAt).reversed().thenComparing(JobRecord::jobId));
    return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }
}

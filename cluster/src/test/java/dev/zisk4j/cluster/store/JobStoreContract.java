package dev.zisk4j.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} does; subclasses open the store under test (a fresh, empty one per call of {@link #open}). */
abstract class JobStoreContract {
  abstract JobStore open();

  static JobRecord job(String id, JobState state, long createdSec) {
    return new JobRecord(id, "block-" + id, JobKind.PROVE, "hash", state, JobPhase.NONE,
        Instant.ofEpochSecond(createdSec, 123), Optional.empty(), Optional.empty(), 0, 0, 0, List.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, List.of());
  }

  static JobRecord full(String id) {
    return new JobRecord(id, "b", JobKind.EXECUTE, "h", JobState.FAILED, JobPhase.PROVE, Instant.ofEpochSecond(5, 7),
        Optional.of(Instant.ofEpochSecond(6)), Optional.of(Instant.ofEpochSecond(9, 1)), 4, 3, 2, List.of("w1", "w2"),
        Optional.of(new JobRecord.Failure(JobRecord.Failure.Kind.TIMEOUT, "too slow", JobPhase.PROVE,
            Duration.ofSeconds(30))),
        Optional.of(new byte[] {1, 2, 3}), Optional.of(new long[] {-1L, 42L}), 1234,
        List.of(new AttemptRecord("PROVE", 2, 1, "w1", AttemptRecord.Outcome.LOST, "gone", Instant.ofEpochSecond(8))));
  }

  @Test
  void aSnapshotReadsBackFieldForField() {
    try (JobStore s = open()) {
      JobRecord r = full("j1");
      s.put(r);
      JobRecord back = s.get("j1").orElseThrow();
      assertThat(back).usingRecursiveComparison().isEqualTo(r);
      assertThat(s.get("nope")).isEmpty();
    }
  }

  @Test
  void putReplacesAndListIsNewestFirstWithActiveFilterAndLimit() {
    try (JobStore s = open()) {
      s.put(job("a", JobState.QUEUED, 1));
      s.put(job("b", JobState.RUNNING, 2));
      s.put(job("c", JobState.COMPLETED, 3));
      s.put(job("a", JobState.CANCELLED, 1));
      assertThat(s.get("a").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
      assertThat(s.list(false, 0)).extracting(JobRecord::jobId).containsExactly("c", "b", "a");
      assertThat(s.list(true, 0)).extracting(JobRecord::jobId).containsExactly("b");
      assertThat(s.list(false, 2)).extracting(JobRecord::jobId).containsExactly("c", "b");
    }
  }

  @Test
  void writeBehindIsVisibleAtOnceAndDurableAfterClose() {
    try (JobStore s = open()) {
      s.putBehind(job("w", JobState.RUNNING, 1));
      assertThat(s.get("w")).isPresent();
      assertThat(s.list(true, 0)).extracting(JobRecord::jobId).contains("w");
    }
  }

  @Test
  void concurrentSynchronousPutsAllLand() throws Exception {
    try (JobStore s = open(); ExecutorService ex = Executors.newFixedThreadPool(8)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        fs.add(ex.submit(() -> s.put(job("j" + n, JobState.QUEUED, n))));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      assertThat(s.list(false, 0)).hasSize(400);
    }
  }
}

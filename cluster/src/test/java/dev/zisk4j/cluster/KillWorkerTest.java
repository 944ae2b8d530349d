package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.cluster.store.AttemptRecord;
import dev.zisk4j.cluster.store.JobRecord;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import dev.zisk4j.proto.distributed.v1.ProverInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Design §10.3: three worker JVMs (real engine, 2^9-row segments, about a dozen of them); {@code kill -9}
 * during PROVE. The job completes on the survivors, its bundle verifies, and the job's history shows
 * the killed prover's attempt LOST and the same task DONE elsewhere afterwards.
 */
class KillWorkerTest {
  enum Victims { ONE_BUSY, ALL_BUT_ONE, STICKY }

  @Test
  void killingABusyWorkerDuringProveLosesOnlyItsAttempt() throws Exception {
    run(Victims.ONE_BUSY);
  }

  @Test
  void killingAllWorkersButOneStillCompletesTheJob() throws Exception {
    run(Victims.ALL_BUT_ONE);
  }

  @Test
  void killingTheStickyCommitterMovesItsProvesElsewhere() throws Exception {
    run(Victims.STICKY);
  }

  private void run(Victims how) throws Exception {
    ProgramImage sort = Guests.image("sort");
    byte[] input = Guests.record(new Random(how.ordinal()).longs(56, 0, 1L << 32).toArray());
    Map<String, Process> procs = new LinkedHashMap<>();
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config());
        Workers engine = Workers.of(1)) {
      for (int i = 0; i < 3; i++) {
        procs.put("jvm" + i, WorkerProcess.spawn(c.url(), "jvm" + i, 1, 1, 500));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> BadProofTest.provers(c).size() == 3);
      String hash = DistributedProvingTest.register(c, sort);
      String job = DistributedProvingTest.prove(c, hash, input);

      List<String> victims = pickVictims(c, job, how);
      for (String v : victims) {
        procs.get(v).destroyForcibly(); // SIGKILL
      }
      for (String v : victims) {
        procs.get(v).waitFor();
      }
      WaitJobResultResponse r = DistributedProvingTest.await(c, job);
      assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
      byte[] bundle = r.getResult().getProve().getProof().getData().toByteArray();
      assertThat(new BundleVerifier(engine).verify(sort, bundle, ExpectedInput.of(input), VerifyPolicy.ANY_SUPPORTED)
          .accepted()).isTrue();

      JobRecord rec = c.store.get(job).orElseThrow();
      assertThat(rec.segments()).isGreaterThanOrEqualTo(8);
      List<AttemptRecord> h = rec.attempts();
      for (String v : victims) {
        List<AttemptRecord> lost = h.stream().filter(a -> a.worker().equals(v)
            && a.outcome() == AttemptRecord.Outcome.LOST).toList();
        assertThat(lost).as("history of " + v + ": " + h).isNotEmpty();
        for (AttemptRecord a : lost) {
          assertThat(a.task()).isEqualTo("PROVE");
          int at = h.indexOf(a);
          assertThat(h.subList(at + 1, h.size())).as("retry of " + a).anySatisfy(d -> {
            assertThat(d.task()).isEqualTo(a.task());
            assertThat(d.segment()).isEqualTo(a.segment());
            assertThat(d.attempt()).isGreaterThan(a.attempt());
            assertThat(d.outcome()).isEqualTo(AttemptRecord.Outcome.DONE);
            assertThat(victims).doesNotContain(d.worker());
          });
        }
      }
      assertThat(rec.failedAttempts()).isEqualTo(h.stream().filter(a -> a.outcome() != AttemptRecord.Outcome.DONE)
          .count());
      if (how == Victims.STICKY) {
        String v = victims.get(0);
        Set<Integer> committed = h.stream().filter(a -> a.task().equals("PARTIAL_CONTRIBUTION")
            && a.outcome() == AttemptRecord.Outcome.DONE && a.worker().equals(v)).map(AttemptRecord::segment)
            .collect(Collectors.toSet());
        Set<Integer> provedByVictim = h.stream().filter(a -> a.task().equals("PROVE")
            && a.outcome() == AttemptRecord.Outcome.DONE && a.worker().equals(v)).map(AttemptRecord::segment)
            .collect(Collectors.toSet());
        // each segment the victim committed was proven: by it before the kill, or by a survivor after
        for (int s : committed) {
          assertThat(h).anySatisfy(d -> {
            assertThat(d.task()).isEqualTo("PROVE");
            assertThat(d.segment()).isEqualTo(s);
            assertThat(d.outcome()).isEqualTo(AttemptRecord.Outcome.DONE);
            if (!provedByVictim.contains(s)) {
              assertThat(d.worker()).isNotEqualTo(v);
            }
          });
        }
        assertThat(committed.size()).isGreaterThan(provedByVictim.size());
      }
    } finally {
      procs.values().forEach(Process::destroyForcibly);
    }
  }

  /** Waits for PROVE with the victims busy, then names them. */
  private static List<String> pickVictims(ClusterFixture c, String job, Victims how) {
    List<String> out = new ArrayList<>();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
      var st = c.admin.jobStatus(JobStatusRequest.newBuilder().setJobId(job).build()).getJob();
      if (!st.getPhase().equals("PROVE")) {
        return false;
      }
      List<String> busy = BadProofTest.provers(c).stream().filter(p -> p.getRunningTasks() > 0)
          .map(ProverInfo::getProverId).toList();
      switch (how) {
        case ONE_BUSY -> {
          if (busy.isEmpty()) {
            return false;
          }
          out.add(busy.get(0));
        }
        case ALL_BUT_ONE -> {
          if (busy.size() < 2) {
            return false;
          }
          out.addAll(busy.subList(0, 2));
        }
        case STICKY -> {
          // the prover that committed the most segments, while it is proving one of them
          Map<String, Long> commits = c.store.get(job).orElseThrow().attempts().stream()
              .filter(a -> a.task().equals("PARTIAL_CONTRIBUTION") && a.outcome() == AttemptRecord.Outcome.DONE)
              .collect(Collectors.groupingBy(AttemptRecord::worker, Collectors.counting()));
          String top = commits.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
              .map(Map.Entry::getKey).orElse(null);
          if (top == null || !busy.contains(top)) {
            return false;
          }
          out.add(top);
        }
      }
      return true;
    });
    return out;
  }
}

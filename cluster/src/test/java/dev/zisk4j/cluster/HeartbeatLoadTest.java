package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.cluster.store.AttemptRecord;
import dev.zisk4j.proto.distributed.v1.ProverInfo;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Design §10.2: a worker JVM proving on every core (engine threads = cores, one task per core) with
 * a 1 s heartbeat is never declared dead: it stays connected on its first session (connected_at
 * unchanged), never shows DISCONNECTED, loses no attempt, and its last heartbeat is never older than
 * the 3-interval limit. Short run here; two minutes with {@code -Plong-tests}.
 */
class HeartbeatLoadTest {
  @Test
  void aWorkerProvingOnEveryCoreIsNeverDeclaredDead() throws Exception {
    soak(Duration.ofSeconds(15));
  }

  @Test
  @Tag("long")
  void aWorkerProvingOnEveryCoreForTwoMinutesIsNeverDeclaredDead() throws Exception {
    soak(Duration.ofMinutes(2));
  }

  private void soak(Duration length) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Process worker = null;
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config().withHeartbeat(Duration.ofSeconds(1)))) {
      worker = WorkerProcess.spawn(c.url(), "loaded", cores, cores, 1000);
      await().atMost(Duration.ofSeconds(60)).until(() -> BadProofTest.provers(c).size() == 1);
      ProverInfo first = BadProofTest.provers(c).get(0);
      String hash = DistributedProvingTest.register(c, Guests.image("sort"));
      Random rnd = new Random(5);
      ArrayDeque<String> inFlight = new ArrayDeque<>();
      List<String> all = new ArrayList<>();
      long end = System.nanoTime() + length.toNanos();
      long maxAgeMs = 0;
      int samples = 0;
      int busySamples = 0;
      while (System.nanoTime() < end) {
        while (inFlight.size() < 2) {
          String job = DistributedProvingTest.prove(c, hash, Guests.record(rnd.longs(48, 0, 1L << 32).toArray()));
          inFlight.add(job);
          all.add(job);
        }
        String head = inFlight.peek();
        if (c.store.get(head).map(r -> r.state().terminal()).orElse(false)) {
          inFlight.poll();
        }
        List<ProverInfo> ps = BadProofTest.provers(c);
        assertThat(ps).singleElement().satisfies(p -> {
          assertThat(p.getState()).isNotEqualTo("DISCONNECTED");
          assertThat(p.getConnectedAt()).as("never re-registered").isEqualTo(first.getConnectedAt());
        });
        ProverInfo p = ps.get(0);
        long age = System.currentTimeMillis() - (p.getLastHeartbeat().getSeconds() * 1000
            + p.getLastHeartbeat().getNanos() / 1_000_000);
        maxAgeMs = Math.max(maxAgeMs, age);
        samples++;
        busySamples += p.getRunningTasks() > 0 ? 1 : 0;
        Thread.sleep(100);
      }
      assertThat(maxAgeMs).as("oldest last_heartbeat seen (ms)").isLessThan(3000);
      assertThat(busySamples).as("samples with the worker busy").isGreaterThan(samples / 2);
      for (String job : all) {
        c.store.get(job).ifPresent(r -> assertThat(r.attempts()).noneMatch(a -> a.outcome() == AttemptRecord.Outcome.LOST));
      }
      System.out.printf("heartbeat under load: %s, %d jobs, %d/%d samples busy, oldest last_heartbeat %d ms%n",
          length, all.size(), busySamples, samples, maxAgeMs);
    } finally {
      if (worker != null) {
        worker.destroyForcibly();
      }
    }
  }
}

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
import dev.zisk4j.proto.distributed.v1.ProverInfo;
import dev.zisk4j.proto.distributed.v1.ProversListRequest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Design §10.5: a prover that returns corrupted proofs (which parse) is caught by per-segment
 * verification as each proof arrives, its tasks go to the honest prover, the job completes with a
 * bundle that verifies, and after max_bad_results the liar is quarantined.
 */
class BadProofTest {
  @Test
  void corruptedProofsAreCaughtReassignedAndTheirProverQuarantined() throws Exception {
    ProgramImage sort = Guests.image("sort");
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config());
        Workers engine = Workers.of(1)) {
      c.addWorker("honest", 1);
      String hash = DistributedProvingTest.register(c, sort);
      try (LyingProver liar = new LyingProver(c.channel, "liar")) {
        await().atMost(Duration.ofSeconds(10)).until(() -> provers(c).size() == 2);
        Random rnd = new Random(11);
        for (int round = 0; round < 6 && liar.proofsSent.get() < 3; round++) {
          byte[] input = Guests.record(rnd.longs(32, 0, 1L << 32).toArray());
          String job = DistributedProvingTest.prove(c, hash, input);
          WaitJobResultResponse r = DistributedProvingTest.await(c, job);
          assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
          byte[] bundle = r.getResult().getProve().getProof().getData().toByteArray();
          assertThat(new BundleVerifier(engine).verify(sort, bundle, ExpectedInput.of(input),
              VerifyPolicy.ANY_SUPPORTED).accepted()).isTrue();
          JobRecord rec = c.store.get(job).orElseThrow();
          List<AttemptRecord> bad = rec.attempts().stream().filter(a -> a.worker().equals("liar")
              && a.outcome() == AttemptRecord.Outcome.FAILED).toList();
          // every proof the liar returned for this job was refused and redone by the honest prover
          for (AttemptRecord a : bad) {
            assertThat(a.task()).isEqualTo("PROVE");
            assertThat(a.error()).contains("BAD_PROOF").contains("SEGMENT_REJECTED");
            assertThat(rec.attempts()).anySatisfy(d -> {
              assertThat(d.task()).isEqualTo("PROVE");
              assertThat(d.segment()).isEqualTo(a.segment());
              assertThat(d.worker()).isEqualTo("honest");
              assertThat(d.outcome()).isEqualTo(AttemptRecord.Outcome.DONE);
            });
          }
          assertThat(rec.attempts()).noneMatch(a -> a.worker().equals("liar") && a.task().equals("PROVE")
              && a.outcome() == AttemptRecord.Outcome.DONE);
          assertThat(rec.failedAttempts()).isEqualTo(bad.size());
        }
        assertThat(liar.proofsSent.get()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(provers(c)).anySatisfy(p -> {
          assertThat(p.getProverId()).isEqualTo("liar");
          assertThat(p.getState()).isEqualTo("QUARANTINED");
          assertThat(p.getTasksFailed()).isGreaterThanOrEqualTo(3);
        }));
        // the metrics count every corrupted proof as rejected and show the liar quarantined
        PrometheusText m = PrometheusText.parse(c.server.meterRegistry().scrape());
        assertThat(m.value("coordinator_proofs_total", "outcome", "rejected")).isEqualTo((double) liar.proofsSent.get());
        assertThat(m.value("coordinator_workers", "state", "quarantined")).isEqualTo(1.0);
        // a quarantined prover is not available and gets no more work
        assertThat(c.admin.proversList(ProversListRequest.newBuilder().setAvailableOnly(true).build())
            .getProversList().getProversList()).extracting(ProverInfo::getProverId).containsExactly("honest");
        int sent = liar.proofsSent.get();
        String job = DistributedProvingTest.prove(c, hash, Guests.record(rnd.longs(32, 0, 1L << 32).toArray()));
        assertThat(DistributedProvingTest.await(c, job).getJobStatus().hasCompleted()).isTrue();
        assertThat(c.store.get(job).orElseThrow().attempts()).allMatch(a -> a.worker().equals("honest"));
        assertThat(liar.proofsSent.get()).isEqualTo(sent);
      }
    }
  }

  static List<ProverInfo> provers(ClusterFixture c) {
    return c.admin.proversList(ProversListRequest.getDefaultInstance()).getProversList().getProversList();
  }
}

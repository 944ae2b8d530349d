package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vmair.InputMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The three phases as a coordinator would drive them: every value crosses a "network" as bytes,
 * segments are contributed and proven on different threads in shuffled order, and the final bundle
 * is byte-identical to the single-process path.
 */
class PhasedProvingTest {
  @Test
  void outOfOrderPhasesAcrossThreadsGiveTheSameBundle() throws Exception {
    ProgramImage sort = TestGuests.image("sort");
    long[] words = new Random(9).longs(40, 0, 1L << 32).toArray();
    byte[] input = TestGuests.records(words);
    VmConfig config = VmConfig.standard(9, 6);
    try (Workers workers = Workers.of(2)) {
      byte[] reference = new ZkVm(workers).prove(sort, input, new ProveOptions(9, dev.zisk4j.engine.stark.ProofOptions.DEFAULT, InputMode.PUBLIC, 64),
          ProgressListener.NONE).bundle();

      Plan plan = new Planner(64).plan(sort, config, WordTape.ofBytes(input));
      int k = plan.segments().size();
      assertThat(k).isGreaterThan(2);
      List<byte[]> checkpoints = new ArrayList<>();
      for (Checkpoint cp : plan.segments()) {
        checkpoints.add(cp.encode());
      }
      SegmentProver worker = new SegmentProver(sort, config, InputMode.PUBLIC, workers);
      Statement st = new Statement(sort.imageId(), worker.verifyingKey().preRoot(), Statement.digest(input),
          Statement.words(input.length), InputMode.PUBLIC, plan.outputs());
      Aggregator coordinator = new Aggregator(config, st, worker.airDigest(), k);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(1));
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<byte[]>> contributions = new ArrayList<>();
        for (int i : order) {
          byte[] cp = checkpoints.get(i);
          contributions.add(pool.submit(() -> worker.contribute(Checkpoint.decode(cp, 64)).encode()));
        }
        for (Future<byte[]> f : contributions) {
          coordinator.accept(SegmentCommitment.decode(f.get()));
        }
        byte[] challenges = coordinator.challenges().encode();
        Collections.shuffle(order, new Random(2));
        List<Future<byte[]>> proofs = new ArrayList<>();
        for (int i : order) {
          byte[] cp = checkpoints.get(i);
          proofs.add(pool.submit(() -> worker.prove(Checkpoint.decode(cp, 64), GlobalChallenges.decode(challenges)).encode()));
        }
        List<SegmentProof> received = new ArrayList<>();
        for (Future<byte[]> f : proofs) {
          received.add(SegmentProof.decode(f.get()));
        }
        byte[] bundle = coordinator.aggregate(received).encode();
        assertThat(bundle).isEqualTo(reference);
        assertThat(new BundleVerifier(workers).verify(sort, bundle, ExpectedInput.of(input), VerifyPolicy.DEFAULT).accepted()).isTrue();
      } finally {
        pool.shutdownNow();
      }
    }
  }
}

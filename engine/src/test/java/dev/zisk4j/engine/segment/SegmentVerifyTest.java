package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vmair.InputMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link BundleVerifier#verifySegment}: each segment's proof checked on its own, as a coordinator does on arrival. */
class SegmentVerifyTest {
  static Workers workers;
  static ProgramImage sort;
  static byte[] input;
  static VmConfig config = VmConfig.standard(9, 6);
  static Statement st;
  static GlobalChallenges g;
  static List<SegPublic> publics = new ArrayList<>();
  static List<SegmentProof> proofs = new ArrayList<>();
  static BundleVerifier verifier;

  @BeforeAll
  static void prove() throws Exception {
    workers = Workers.of(2);
    sort = TestGuests.image("sort");
    input = TestGuests.records(new Random(3).longs(24, 0, 1L << 32).toArray());
    Plan plan = new Planner(64).plan(sort, config, WordTape.ofBytes(input));
    VerifyingKeys keys = new VerifyingKeys(workers);
    SegmentProver prover = new SegmentProver(sort, config, InputMode.PUBLIC, keys);
    st = new Statement(sort.imageId(), prover.verifyingKey().preRoot(), Statement.digest(input),
        Statement.words(input.length), InputMode.PUBLIC, plan.outputs());
    Aggregator agg = new Aggregator(config, st, prover.airDigest(), plan.segments().size());
    for (Checkpoint cp : plan.segments()) {
      SegmentCommitment c = prover.contribute(cp);
      agg.accept(c);
      publics.add(c.segPublic());
    }
    g = agg.challenges();
    for (Checkpoint cp : plan.segments()) {
      proofs.add(prover.prove(cp, g));
    }
    verifier = new BundleVerifier(keys);
  }

  @AfterAll
  static void close() {
    workers.close();
  }

  BundleVerdict check(int s, SegmentProof proof) {
    return verifier.verifySegment(sort, st, config, g, s, publics.get(s), proof, ExpectedInput.of(input));
  }

  @Test
  void everyHonestSegmentProofIsAccepted() {
    assertThat(proofs).hasSizeGreaterThan(2);
    for (int s = 0; s < proofs.size(); s++) {
      assertThat(check(s, proofs.get(s)).accepted()).as("segment " + s).isTrue();
    }
  }

  @Test
  void aProofWithOneFlippedByteIsRejectedAsTheBundleVerifierWould() {
    for (int s : new int[] {0, proofs.size() - 1}) {
      SegmentProof p = proofs.get(s);
      byte[] stark = p.stark();
      stark[stark.length / 2] ^= 1;
      SegmentProof bad = new SegmentProof(p.config(), p.segIdx(), p.memIn(), p.memOut(), stark);
      BundleVerdict v = check(s, bad);
      assertThat(v.accepted()).isFalse();
      assertThat(v.error()).contains(BundleError.SEGMENT_REJECTED);
    }
  }

  @Test
  void aProofOfAnotherSegmentOrFingerprintIsRejected() {
    assertThat(check(1, proofs.get(2)).error()).contains(BundleError.SEGMENT_INDEX_MISMATCH);
    SegmentProof p1 = proofs.get(1);
    SegmentProof relabelled = new SegmentProof(p1.config(), 2, p1.memIn(), p1.memOut(), p1.stark());
    assertThat(check(2, relabelled).error()).contains(BundleError.SEGMENT_REJECTED);
    SegmentProof p0 = proofs.get(0);
    SegmentProof wrongMem = new SegmentProof(p0.config(), 0, p0.memOut(), p0.memOut(), p0.stark());
    assertThat(check(0, wrongMem).error()).contains(BundleError.INITIAL_MEMORY_MISMATCH);
  }

  @Test
  void anInputModeThatDiffersFromTheStatementIsACallerError() {
    assertThatThrownBy(() -> verifier.verifySegment(sort, st, config, g, 0, publics.get(0), proofs.get(0),
        ExpectedInput.privateInput())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIVATE");
  }
}

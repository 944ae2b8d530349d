package dev.zisk4j.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleError;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vmair.InputMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ZkVmTest {
  static final Workers WORKERS = Workers.of(2);
  static final ZkVm VM = new ZkVm(WORKERS);
  static final ProveOptions SMALL = new ProveOptions(10, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);

  @AfterAll
  static void close() {
    WORKERS.close();
  }

  @Test
  void fibIsProvenAndVerifiedWithItsKnownAnswer() throws Exception {
    ProgramImage fib = TestGuests.image("fib");
    byte[] input = TestGuests.records(new long[] {90});
    ProofResult r = VM.prove(fib, input, SMALL, ProgressListener.NONE);
    assertThat(r.outputs()).containsExactly(2880067194370816120L);
    assertThat(r.segments()).isEqualTo(1);
    BundleVerdict v = VM.verify(fib, r.bundle(), ExpectedInput.of(input), VerifyPolicy.DEFAULT);
    assertThat(v.accepted()).as(v.toString()).isTrue();
    assertThat(v.outputs()).containsExactly(2880067194370816120L);
    // wrong public input is rejected
    BundleVerdict other = VM.verify(fib, r.bundle(), ExpectedInput.of(TestGuests.records(new long[] {91})), VerifyPolicy.DEFAULT);
    assertThat(other.error()).contains(BundleError.INPUT_MISMATCH);
    // another program is rejected
    BundleVerdict prog = VM.verify(TestGuests.image("sum"), r.bundle(), ExpectedInput.of(input), VerifyPolicy.DEFAULT);
    assertThat(prog.error()).contains(BundleError.IMAGE_ID_MISMATCH);
    // proofs are byte-reproducible
    assertThat(VM.prove(fib, input, SMALL, ProgressListener.NONE).bundle()).isEqualTo(r.bundle());
  }

  @Test
  void privateInputModeHidesTheInputFromTheVerifier() throws Exception {
    ProgramImage sum = TestGuests.image("sum");
    byte[] input = TestGuests.records(new long[] {5, 6, 7});
    ProofResult r = VM.prove(sum, input, SMALL.withInputMode(InputMode.PRIVATE), ProgressListener.NONE);
    assertThat(VM.verify(sum, r.bundle(), ExpectedInput.privateInput(), VerifyPolicy.DEFAULT).accepted()).isTrue();
    assertThat(VM.verify(sum, r.bundle(), ExpectedInput.of(input), VerifyPolicy.DEFAULT).error()).contains(BundleError.INPUT_MODE_MISMATCH);
    ProofResult pub = VM.prove(sum, input, SMALL, ProgressListener.NONE);
    assertThat(VM.verify(sum, pub.bundle(), ExpectedInput.privateInput(), VerifyPolicy.DEFAULT).error()).contains(BundleError.INPUT_MODE_MISMATCH);
  }

  @Test
  void multiSegmentRunsChainAndVerify() throws Exception {
    ProgramImage fib = TestGuests.image("fib");
    byte[] input = TestGuests.records(new long[] {300});
    ProveOptions opts = new ProveOptions(9, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);
    ProofResult r = VM.prove(fib, input, opts, ProgressListener.NONE);
    assertThat(r.segments()).isGreaterThanOrEqualTo(3);
    BundleVerdict v = VM.verify(fib, r.bundle(), ExpectedInput.of(input), VerifyPolicy.DEFAULT);
    assertThat(v.accepted()).as(v.toString()).isTrue();
  }

  @Test
  void recomputingPhaseOneGivesTheSameBundle() throws Exception {
    ProgramImage fib = TestGuests.image("fib");
    byte[] input = TestGuests.records(new long[] {300});
    ProveOptions opts = new ProveOptions(9, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);
    byte[] kept = VM.prove(fib, input, opts, ProgressListener.NONE).bundle();
    byte[] recomputed = new ZkVm(WORKERS, 0).prove(fib, input, opts, ProgressListener.NONE).bundle();
    assertThat(recomputed).isEqualTo(kept);
    assertThat(ZkVm.segmentsToKeep(VmConfig.standard(16, 14))).isPositive();
  }

  @Test
  void aFaultingGuestGivesNoProof() throws Exception {
    ProgramImage merkle = TestGuests.image("merkle");
    assertThatThrownBy(() -> VM.prove(merkle, TestGuests.records(new long[] {5, 1, 0}), SMALL, ProgressListener.NONE))
        .isInstanceOf(GuestFaultException.class).hasMessageContaining("ASSERT failed").hasMessageContaining("segment 0");
  }
}

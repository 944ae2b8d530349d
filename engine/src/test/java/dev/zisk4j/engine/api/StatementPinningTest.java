package dev.zisk4j.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.Bundle;
import dev.zisk4j.engine.segment.BundleError;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.Statement;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vmair.InputMode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 findings 1 and 5: the verifier, not the proof, fixes what is proven. The RAM size belongs to
 * the program (a faulting guest cannot be proven at a larger M and pass as the intended program), and
 * the input mode is the verifier's explicit choice (forgetting the input cannot turn "the output of
 * this input" into "there exists an input").
 */
class StatementPinningTest {
  static final Workers WORKERS = Workers.of(2);
  static final ZkVm VM = new ZkVm(WORKERS);
  static final ProveOptions SMALL = new ProveOptions(10, ProofOptions.DEFAULT, InputMode.PUBLIC, 8);

  @AfterAll
  static void close() {
    WORKERS.close();
  }

  @Test
  void aGuestThatFaultsAtItsRamSizeCannotBeProvenAtALargerOne() throws Exception {
    ProgramImage intended = TestGuests.assembler().assemble("load r1, [100]\nwrite r1\nhalt\n");
    assertThat(intended.memoryWords()).isEqualTo(64);
    assertThatThrownBy(() -> VM.prove(intended, new byte[0], SMALL, ProgressListener.NONE))
        .isInstanceOf(GuestFaultException.class).hasMessageContaining("address");
    // the cheater runs the same code on a machine with 128 words, where the load succeeds
    ProgramImage larger = intended.withLogMemoryWords(7);
    ProofResult r = VM.prove(larger, new byte[0], SMALL, ProgressListener.NONE);
    assertThat(VM.verify(larger, r.bundle(), ExpectedInput.of(new byte[0]), VerifyPolicy.DEFAULT).accepted()).isTrue();
    // the verifier holds the intended program, so the bundle's M cannot be its M
    BundleVerdict v = VM.verify(intended, r.bundle(), ExpectedInput.of(new byte[0]), VerifyPolicy.DEFAULT);
    assertThat(v.error()).as(v.toString()).contains(BundleError.MEMORY_SIZE_MISMATCH);
    assertThat(v.detail()).contains("bundle RAM M=2^7").contains("program RAM M=2^6");
    // claiming the intended program's imageId does not help: M is checked against the program first
    Bundle b = Bundle.decode(r.bundle());
    Statement st = b.statement();
    Statement claim = new Statement(intended.imageId(), st.vkRoot(), st.inputDigest(), st.inputWords(),
        st.inputMode(), st.outputs());
    Bundle relabelled = new Bundle(b.config(), claim, b.globalNonce(), b.segPublics(), b.proofs());
    assertThat(VM.verify(intended, relabelled.encode(), ExpectedInput.of(new byte[0]), VerifyPolicy.DEFAULT).error())
        .contains(BundleError.MEMORY_SIZE_MISMATCH);
  }

  @Test
  void aProverThatWritesTheIntendedRamSizeIntoTheConfigIsCaughtByTheProofs() throws Exception {
    ProgramImage intended = TestGuests.assembler().assemble("load r1, [100]\nwrite r1\nhalt\n");
    ProgramImage larger = intended.withLogMemoryWords(7);
    Bundle b = Bundle.decode(VM.prove(larger, new byte[0], SMALL, ProgressListener.NONE).bundle());
    // a modified prover: segments proven at M = 128, config and statement claiming the intended program
    VmConfig lie = VmConfig.of(10, 6, ProofOptions.DEFAULT);
    Statement st = b.statement();
    Statement claim = new Statement(intended.imageId(), st.vkRoot(), st.inputDigest(), st.inputWords(),
        st.inputMode(), st.outputs());
    List<SegmentProof> proofs = b.proofs().stream()
        .map(p -> new SegmentProof(lie, p.segIdx(), p.memIn(), p.memOut(), p.stark())).toList();
    byte[] air = new SegmentProver(intended, lie, InputMode.PUBLIC, WORKERS).airDigest();
    long nonce = dev.zisk4j.engine.segment.GlobalTranscript.grind(lie, claim, air, b.segPublics());
    Bundle forged = new Bundle(lie, claim, nonce, b.segPublics(), proofs);
    BundleVerdict v = VM.verify(intended, forged.encode(), ExpectedInput.of(new byte[0]), VerifyPolicy.DEFAULT);
    assertThat(v.accepted()).isFalse();
    assertThat(v.error().orElseThrow()).isIn(BundleError.INITIAL_MEMORY_MISMATCH, BundleError.SEGMENT_REJECTED);
  }

  @Test
  void theProverRefusesAConfigWhoseRamIsNotTheProgramsAndSegmentsTooSmallForIt() {
    ProgramImage fib = TestGuests.image("fib");
    assertThatThrownBy(() -> new SegmentProver(fib, VmConfig.standard(10, 7), InputMode.PUBLIC, WORKERS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config logM=7, program logM=6");
    ProgramImage big = fib.withLogMemoryWords(10);
    assertThatThrownBy(() -> VM.prove(big, new byte[0], SMALL, ProgressListener.NONE))
        .isInstanceOf(dev.zisk4j.engine.vm.MalformedImageException.class)
        .hasMessageContaining("program RAM too large for the segment: M=1024, rows=1024");
  }

  @Test
  void theInputModeIsTheVerifiersExplicitChoice() throws Exception {
    ProgramImage sum = TestGuests.image("sum");
    byte[] input = TestGuests.records(new long[] {5, 6, 7});
    ProofResult priv = VM.prove(sum, input, SMALL.withInputMode(InputMode.PRIVATE), ProgressListener.NONE);
    // a verifier that forgot the input means "these outputs of this (empty) input": not a private statement
    BundleVerdict forgot = VM.verify(sum, priv.bundle(), ExpectedInput.of(new byte[0]), VerifyPolicy.DEFAULT);
    assertThat(forgot.error()).as(forgot.toString()).contains(BundleError.INPUT_MODE_MISMATCH);
    assertThat(forgot.detail()).contains("bundle inputMode=PRIVATE, verifier expects PUBLIC");
    assertThat(VM.verify(sum, priv.bundle(), ExpectedInput.privateInput(), VerifyPolicy.DEFAULT).accepted()).isTrue();
    ProofResult pub = VM.prove(sum, input, SMALL, ProgressListener.NONE);
    assertThat(VM.verify(sum, pub.bundle(), ExpectedInput.privateInput(), VerifyPolicy.DEFAULT).error())
        .contains(BundleError.INPUT_MODE_MISMATCH);
    assertThatThrownBy(() -> ExpectedInput.of((byte[]) null)).isInstanceOf(NullPointerException.class);
    // the statement's private form is unique: no digest, no length
    Statement st = Bundle.decode(priv.bundle()).statement();
    assertThat(st.inputDigest()).isEqualTo(new byte[32]);
    assertThat(st.inputWords()).isZero();
    assertThatThrownBy(() -> new Statement(st.imageId(), st.vkRoot(), Statement.digest(input), 3, InputMode.PRIVATE,
        st.outputs())).hasMessageContaining("private-input statement carries no input digest");
  }
}

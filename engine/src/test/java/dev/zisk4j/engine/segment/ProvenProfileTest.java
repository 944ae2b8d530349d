package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.SecurityLevel;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, "100 proven bits": the proven-100 profile (cubic extension) proves and verifies a guest that
 * uses RAM over several segments, reaches at least 100 proven bits in the verifier's report, is accepted by
 * the default policy and demanded by its own, and its proofs reject tampering like the quadratic ones.
 */
class ProvenProfileTest {
  static final Workers WORKERS = Workers.of(2);
  static final BundleVerifier VERIFIER = new BundleVerifier(WORKERS);
  static final ProgramImage SORT = TestGuests.image("sort");
  static final long[] WORDS = {19, 9, 3, 17, 7, 1, 15, 8, 2, 13, 6, 4, 11, 5, 0, 18, 10, 16, 12, 14};
  static final byte[] INPUT = TestGuests.records(WORDS);
  static final byte[] AIR = VmAir.of(SORT, InputMode.PUBLIC).constraints().digest();
  static Bundle cubic;
  static Bundle quadratic;

  @BeforeAll
  static void prove() throws Exception {
    ZkVm vm = new ZkVm(WORKERS);
    ProveOptions opts = ProveOptions.standard().withLogRows(9).withMaxSegments(64);
    cubic = Bundle.decode(vm.prove(SORT, INPUT, opts.withSecurity(SecurityProfile.PROVEN_100), ProgressListener.NONE)
        .bundle());
    quadratic = Bundle.decode(vm.prove(SORT, INPUT, opts, ProgressListener.NONE).bundle());
    assertThat(cubic.proofs()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(cubic.config().extDeg()).isEqualTo(3);
  }

  @AfterAll
  static void close() {
    WORKERS.close();
  }

  static BundleVerdict verify(Bundle b, VerifyPolicy policy) {
    return VERIFIER.verify(SORT, b.encode(), ExpectedInput.of(INPUT), policy);
  }

  @Test
  void provenHundredProvesVerifiesAndReportsItsBits() {
    BundleVerdict own = verify(cubic, SecurityProfile.PROVEN_100.policy());
    assertThat(own.accepted()).as(own.toString()).isTrue();
    assertThat(own.outputs()).containsExactly(java.util.stream.LongStream.range(0, 20).toArray());
    SecurityLevel s = own.security().orElseThrow();
    assertThat(s.proven()).isBetween(100, 106);
    assertThat(s.conjectured()).isEqualTo(128);
    assertThat(s.uniqueDecoding()).isBetween(60, 70);
    // the default policy accepts proven-100 proofs too
    assertThat(verify(cubic, VerifyPolicy.DEFAULT).accepted()).isTrue();
  }

  @Test
  void eachProfileReportsItsOwnLevelAndTheProvenPolicyRefusesTheDefault() {
    BundleVerdict v = verify(quadratic, VerifyPolicy.DEFAULT);
    assertThat(v.accepted()).as(v.toString()).isTrue();
    SecurityLevel s = v.security().orElseThrow();
    assertThat(s.conjectured()).isEqualTo(105);
    assertThat(s.proven()).isBetween(55, 61);
    BundleVerdict refused = verify(quadratic, SecurityProfile.PROVEN_100.policy());
    assertThat(refused.error()).contains(BundleError.INSECURE_CONFIG);
    assertThat(refused.detail()).contains("provenBits=").contains("policy minimum=100");
    assertThat(SecurityProfile.of("proven-100")).isEqualTo(SecurityProfile.PROVEN_100);
    assertThat(SecurityProfile.ids()).isEqualTo("conjectured-100, proven-100");
  }

  @Test
  void byteFlipsInCubicProofsAreRejected() {
    byte[] bytes = cubic.encode();
    int start = bytes.length - cubic.proofs().get(cubic.proofs().size() - 1).encode().length;
    // the last segment proof's header (config, index, 3-felt MEM_IN/MEM_OUT), then sampled body bytes
    for (int i = start; i < start + SegmentProof.HEADER_BYTES + 16; i++) {
      assertFlipRejected(bytes, i);
    }
    for (int i = start + SegmentProof.HEADER_BYTES + 16; i < bytes.length; i += 173) {
      assertFlipRejected(bytes, i);
    }
  }

  private static void assertFlipRejected(byte[] bytes, int i) {
    byte[] t = bytes.clone();
    t[i] ^= 0x04;
    BundleVerdict v = VERIFIER.verify(SORT, t, ExpectedInput.of(INPUT), VerifyPolicy.DEFAULT);
    assertThat(v.accepted()).as("flip at byte " + i).isFalse();
  }

  @Test
  void aWrongOutputWithPatchedFingerprintsIsCaughtByTheCubicStark() {
    Statement st = cubic.statement();
    long[] out = st.outputs();
    out[3] = Goldilocks.add(out[3], 1);
    Statement lie = new Statement(st.imageId(), st.vkRoot(), st.inputDigest(), st.inputWords(), st.inputMode(), out);
    Bundle reground = new Bundle(cubic.config(), lie, GlobalTranscript.grind(cubic.config(), lie, AIR,
        cubic.segPublics()), cubic.segPublics(), cubic.proofs());
    BundleVerdict v = verify(reground, VerifyPolicy.DEFAULT);
    assertThat(v.error()).as(v.toString()).contains(BundleError.INITIAL_MEMORY_MISMATCH);
    // patch MEM_IN(0) to the new challenges' initial fingerprint: the STARK still binds it
    GlobalChallenges g = GlobalTranscript.challenges(cubic.config(), lie, AIR, cubic.segPublics(), reground.globalNonce());
    assertThat(g.field()).isSameAs(ExtField.CUBIC);
    Ext fp = BundleVerifier.initialFingerprint(SORT, g);
    List<SegmentProof> proofs = new ArrayList<>(cubic.proofs());
    SegmentProof first = proofs.get(0);
    proofs.set(0, new SegmentProof(first.config(), 0, fp, first.memOut(), first.stark()));
    BundleVerdict patched = verify(new Bundle(cubic.config(), lie, reground.globalNonce(), cubic.segPublics(), proofs),
        VerifyPolicy.DEFAULT);
    assertThat(patched.error()).as(patched.toString()).contains(BundleError.SEGMENT_REJECTED);
  }

  @Test
  void aBrokenCubicMemoryChainIsRejected() {
    Ext fake = ExtField.CUBIC.element(12345, 678, 9);
    List<SegmentProof> proofs = new ArrayList<>(cubic.proofs());
    SegmentProof a = proofs.get(0);
    SegmentProof b = proofs.get(1);
    proofs.set(0, new SegmentProof(a.config(), 0, a.memIn(), fake, a.stark()));
    proofs.set(1, new SegmentProof(b.config(), 1, fake, b.memOut(), b.stark()));
    Bundle forged = new Bundle(cubic.config(), cubic.statement(), cubic.globalNonce(), cubic.segPublics(), proofs);
    assertThat(verify(forged, VerifyPolicy.DEFAULT).error()).contains(BundleError.SEGMENT_REJECTED);
  }

  @Test
  void cubicProofsUnderAQuadraticConfigAreRejected() {
    // the bundle claims the quadratic field, its segment proofs are cubic: the segment header no longer
    // matches the bundle's config
    VmConfig claimed = quadratic.config();
    Bundle mixed = new Bundle(claimed, cubic.statement(), GlobalTranscript.grind(claimed, cubic.statement(), AIR,
        cubic.segPublics()), cubic.segPublics(), cubic.proofs());
    BundleVerdict v = verify(mixed, VerifyPolicy.DEFAULT);
    assertThat(v.accepted()).isFalse();
    assertThat(v.error().orElseThrow()).isIn(BundleError.SEGMENT_CONFIG_MISMATCH, BundleError.VK_ROOT_MISMATCH,
        BundleError.INITIAL_MEMORY_MISMATCH);
  }
}

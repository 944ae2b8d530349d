package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VM-level proof-tampering and bundle-tampering suites (engine.md §6): every altered bundle is
 * rejected with a specific reason, never accepted and never an exception. Statement changes are
 * re-ground (a cheater can redo the 16-bit global proof of work) so the deeper check is reached.
 */
class BundleTamperingTest {
  static final Workers WORKERS = Workers.of(2);
  static final BundleVerifier VERIFIER = new BundleVerifier(WORKERS);
  static final ProgramImage FIB = TestGuests.image("fib");
  static final byte[] INPUT = TestGuests.records(new long[] {300});
  static final VmConfig CONFIG = VmConfig.standard(9, 6);
  static final byte[] AIR = VmAir.of(FIB, InputMode.PUBLIC).constraints().digest();
  static Bundle honest;
  static Bundle foreign;

  @BeforeAll
  static void prove() throws Exception {
    ZkVm vm = new ZkVm(WORKERS);
    ProveOptions opts = new ProveOptions(9, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);
    honest = Bundle.decode(vm.prove(FIB, INPUT, opts, ProgressListener.NONE).bundle());
    foreign = Bundle.decode(vm.prove(FIB, TestGuests.records(new long[] {301}), opts, ProgressListener.NONE).bundle());
    assertThat(honest.proofs()).hasSizeGreaterThanOrEqualTo(3);
  }

  @AfterAll
  static void close() {
    WORKERS.close();
  }

  static BundleVerdict verify(byte[] bytes) {
    return VERIFIER.verify(FIB, bytes, ExpectedInput.of(INPUT), VerifyPolicy.DEFAULT);
  }

  static BundleVerdict verify(Bundle b) {
    return verify(b.encode());
  }

  /** The bundle with a fresh global proof of work for its (tampered) statement and segments. */
  static Bundle reground(VmConfig config, Statement st, List<SegPublic> pubs, List<SegmentProof> proofs) {
    return new Bundle(config, st, GlobalTranscript.grind(config, st, AIR, pubs), pubs, proofs);
  }

  static void rejects(Bundle b, BundleError expected) {
    BundleVerdict v = verify(b);
    assertThat(v.error()).as(v.toString()).contains(expected);
  }

  @Test
  void theHonestBundleVerifies() {
    assertThat(verify(honest).accepted()).isTrue();
  }

  @Test
  void everyByteFlipInTheHeaderAndSegmentTablesIsRejected() {
    byte[] bytes = honest.encode();
    int tables = 4 + 2 + 8 + 96 + 8 + 1 + 4 + 8 * honest.statement().outputs().length + 4 + 8
        + SegPublic.BYTES * honest.segPublics().size();
    for (int i = 0; i < tables + 4 + SegmentProof.HEADER_BYTES; i++) {
      byte[] t = bytes.clone();
      t[i] ^= 0x01;
      assertThat(verify(t).accepted()).as("flip at byte " + i).isFalse();
    }
  }

  @Test
  void sampledByteFlipsInTheStarkBodiesAreRejected() {
    byte[] bytes = honest.encode();
    int start = bytes.length - honest.proofs().get(honest.proofs().size() - 1).encode().length;
    for (int i = start; i < bytes.length; i += 211) {
      byte[] t = bytes.clone();
      t[i] ^= 0x10;
      assertThat(verify(t).accepted()).as("flip at byte " + i).isFalse();
    }
  }

  /** engine.md §6: every byte of a small proof, flipped, is rejected (minutes: long profile). */
  @Test
  @org.junit.jupiter.api.Tag("long")
  void everyByteFlipOfTheWholeBundleIsRejected() {
    byte[] bytes = honest.encode();
    for (int i = 0; i < bytes.length; i++) {
      byte[] t = bytes.clone();
      t[i] ^= (byte) (1 << (i % 8));
      assertThat(verify(t).accepted()).as("flip at byte " + i).isFalse();
    }
  }

  @Test
  void truncationAndTrailingBytesAreMalformed() {
    byte[] bytes = honest.encode();
    for (int cut : new int[] {0, 3, 100, bytes.length / 2, bytes.length - 1}) {
      assertThat(verify(Arrays.copyOf(bytes, cut)).error()).contains(BundleError.MALFORMED);
    }
    assertThat(verify(Arrays.copyOf(bytes, bytes.length + 8)).error()).contains(BundleError.MALFORMED);
  }

  @Test
  void wrongClaimedOutputIsRejectedEvenWhenReground() {
    Statement st = honest.statement();
    long[] out = st.outputs();
    out[0] = Goldilocks.add(out[0], 1);
    Statement lie = new Statement(st.imageId(), st.vkRoot(), st.inputDigest(), st.inputWords(), st.inputMode(), out);
    rejects(new Bundle(CONFIG, lie, honest.globalNonce(), honest.segPublics(), honest.proofs()), BundleError.GLOBAL_POW_INVALID);
    Bundle reground = reground(CONFIG, lie, honest.segPublics(), honest.proofs());
    // new statement, new challenges: the old fingerprints no longer match
    rejects(reground, BundleError.INITIAL_MEMORY_MISMATCH);
    // a cheater who also patches the fingerprints reaches the STARK, which binds E_OUT
    BundleVerdict v = verify(withFingerprintsFor(reground));
    assertThat(v.error()).contains(BundleError.SEGMENT_REJECTED);
    assertThat(v.detail()).contains("OOD_MISMATCH");
  }

  @Test
  void extraOutputElementIsRejected() {
    Statement st = honest.statement();
    long[] out = Arrays.copyOf(st.outputs(), st.outputs().length + 1);
    Statement lie = new Statement(st.imageId(), st.vkRoot(), st.inputDigest(), st.inputWords(), st.inputMode(), out);
    rejects(reground(CONFIG, lie, honest.segPublics(), honest.proofs()), BundleError.OUTPUT_COUNT_MISMATCH);
  }

  @Test
  void differentInputProgramOrVkIsRejected() {
    assertThat(VERIFIER.verify(FIB, honest.encode(), ExpectedInput.of(TestGuests.records(new long[] {299})),
        VerifyPolicy.DEFAULT).error()).contains(BundleError.INPUT_MISMATCH);
    assertThat(VERIFIER.verify(TestGuests.image("sum"), honest.encode(), ExpectedInput.of(INPUT), VerifyPolicy.DEFAULT)
        .error()).contains(BundleError.IMAGE_ID_MISMATCH);
    Statement st = honest.statement();
    byte[] vk = st.vkRoot();
    vk[0] ^= 1;
    rejects(reground(CONFIG, new Statement(st.imageId(), vk, st.inputDigest(), st.inputWords(), st.inputMode(),
        st.outputs()), honest.segPublics(), honest.proofs()), BundleError.VK_ROOT_MISMATCH);
    rejects(reground(CONFIG, new Statement(st.imageId(), st.vkRoot(), new byte[32], 0,
        InputMode.PRIVATE, st.outputs()), honest.segPublics(), honest.proofs()), BundleError.INPUT_MODE_MISMATCH);
  }

  @Test
  void changedOptionsAreRejected() {
    VmConfig weak = new VmConfig(9, 6, 3, 20, 16, 2, 2, 1);
    rejects(reground(weak, honest.statement(), honest.segPublics(), honest.proofs()), BundleError.INSECURE_CONFIG);
    VmConfig stronger = new VmConfig(9, 6, 3, 31, 16, 2, 2, 1);
    rejects(reground(stronger, honest.statement(), honest.segPublics(), honest.proofs()), BundleError.SEGMENT_CONFIG_MISMATCH);
    List<SegmentProof> relabelled = map(honest.proofs(), p -> new SegmentProof(stronger, p.segIdx(), p.memIn(), p.memOut(), p.stark()));
    BundleVerdict v = verify(withFingerprintsFor(reground(stronger, honest.statement(), honest.segPublics(), relabelled)));
    assertThat(v.error()).contains(BundleError.SEGMENT_REJECTED);
    assertThat(v.detail()).contains("OPTIONS_MISMATCH");
  }

  @Test
  void badGlobalNonceIsRejected() {
    rejects(new Bundle(CONFIG, honest.statement(), honest.globalNonce() + 1, honest.segPublics(), honest.proofs()),
        BundleError.GLOBAL_POW_INVALID);
  }

  @Test
  void swappedDroppedDuplicatedAndReorderedSegmentsAreRejected() {
    List<SegPublic> pubs = new ArrayList<>(honest.segPublics());
    List<SegmentProof> proofs = new ArrayList<>(honest.proofs());
    // reordered (proofs keep their segIdx)
    List<SegmentProof> swapped = new ArrayList<>(proofs);
    java.util.Collections.swap(swapped, 0, 1);
    rejects(reground(CONFIG, honest.statement(), pubs, swapped), BundleError.SEGMENT_INDEX_MISMATCH);
    // swapped and relabelled: the proof no longer matches the SegPublic's main root
    List<SegmentProof> relabelled = new ArrayList<>(swapped);
    relabelled.set(0, withIdx(swapped.get(0), 0));
    relabelled.set(1, withIdx(swapped.get(1), 1));
    // fib never touches RAM, so every fingerprint is equal and the STARK must catch it
    BundleVerdict sw = verify(reground(CONFIG, honest.statement(), pubs, relabelled));
    assertThat(sw.error()).contains(BundleError.SEGMENT_REJECTED);
    assertThat(sw.detail()).contains("MAIN_ROOT_MISMATCH");
    // dropped middle segment
    List<SegPublic> dropPubs = new ArrayList<>(pubs);
    dropPubs.remove(1);
    List<SegmentProof> dropProofs = new ArrayList<>(proofs);
    dropProofs.remove(1);
    dropProofs.replaceAll(p -> withIdx(p, dropProofs.indexOf(p)));
    rejects(reground(CONFIG, honest.statement(), dropPubs, dropProofs), BundleError.CHAIN_STATE_MISMATCH);
    // duplicated first segment
    List<SegPublic> dupPubs = new ArrayList<>(pubs);
    dupPubs.add(1, pubs.get(0));
    List<SegmentProof> dupProofs = new ArrayList<>(proofs);
    dupProofs.add(1, proofs.get(0));
    for (int i = 0; i < dupProofs.size(); i++) {
      dupProofs.set(i, withIdx(dupProofs.get(i), i));
    }
    rejects(reground(CONFIG, honest.statement(), dupPubs, dupProofs), BundleError.CHAIN_STATE_MISMATCH);
    // last segment dropped: the run no longer ends at HALT
    rejects(reground(CONFIG, honest.statement(), pubs.subList(0, pubs.size() - 1), proofs.subList(0, proofs.size() - 1)),
        BundleError.NOT_HALTED);
  }

  @Test
  void foreignSegmentFromAnotherRunIsRejected() {
    List<SegPublic> pubs = new ArrayList<>(honest.segPublics());
    List<SegmentProof> proofs = new ArrayList<>(honest.proofs());
    int last = pubs.size() - 1;
    pubs.set(last, foreign.segPublics().get(last));
    proofs.set(last, foreign.proofs().get(last));
    BundleVerdict v = verify(reground(CONFIG, honest.statement(), pubs, proofs));
    assertThat(v.accepted()).isFalse();
    assertThat(v.error().orElseThrow()).isIn(BundleError.CHAIN_STATE_MISMATCH, BundleError.CHAIN_MEMORY_MISMATCH,
        BundleError.OUTPUT_COUNT_MISMATCH, BundleError.SEGMENT_REJECTED);
  }

  @Test
  void brokenMemoryChainIsRejectedEvenWhenConsistent() {
    Ext fake = ExtField.QUADRATIC.element(12345, 678);
    List<SegmentProof> proofs = new ArrayList<>(honest.proofs());
    SegmentProof a = proofs.get(0);
    SegmentProof b = proofs.get(1);
    proofs.set(0, new SegmentProof(CONFIG, 0, a.memIn(), fake, a.stark()));
    proofs.set(1, new SegmentProof(CONFIG, 1, fake, b.memOut(), b.stark()));
    BundleVerdict v = verify(reground(CONFIG, honest.statement(), honest.segPublics(), proofs));
    assertThat(v.error()).contains(BundleError.SEGMENT_REJECTED);
    proofs.set(1, b);
    rejects(reground(CONFIG, honest.statement(), honest.segPublics(), proofs), BundleError.CHAIN_MEMORY_MISMATCH);
  }

  @Test
  void brokenPcChainAndBadStartAreRejected() {
    List<SegPublic> pubs = new ArrayList<>(honest.segPublics());
    pubs.set(1, withPcStart(pubs.get(1), pubs.get(1).pcStart() + 1));
    rejects(reground(CONFIG, honest.statement(), pubs, honest.proofs()), BundleError.CHAIN_STATE_MISMATCH);
    List<SegPublic> start = new ArrayList<>(honest.segPublics());
    start.set(0, withPcStart(start.get(0), 1));
    rejects(reground(CONFIG, honest.statement(), start, honest.proofs()), BundleError.BAD_START);
  }

  /**
   * The bundle with every MEM_IN/MEM_OUT replaced by the untouched-RAM fingerprint under its own
   * challenges (valid for fib, which never accesses RAM): what a cheater would patch to pass the
   * fingerprint checks.
   */
  private static Bundle withFingerprintsFor(Bundle b) {
    GlobalChallenges g = GlobalTranscript.challenges(b.config(), b.statement(), AIR, b.segPublics(), b.globalNonce());
    Ext fp = BundleVerifier.initialFingerprint(FIB, g);
    return new Bundle(b.config(), b.statement(), b.globalNonce(), b.segPublics(),
        map(b.proofs(), p -> new SegmentProof(p.config(), p.segIdx(), fp, fp, p.stark())));
  }

  private static SegPublic withPcStart(SegPublic p, long pc) {
    long[] rs = new long[7];
    long[] re = new long[7];
    for (int i = 1; i < 8; i++) {
      rs[i - 1] = p.regStart(i);
      re[i - 1] = p.regEnd(i);
    }
    return new SegPublic(pc, rs, p.pcEnd(), re, p.inStart(), p.inLen(), p.outStart(), p.outLen(), p.mainRoot());
  }

  private static SegmentProof withIdx(SegmentProof p, int idx) {
    return new SegmentProof(p.config(), idx, p.memIn(), p.memOut(), p.stark());
  }

  private static <T> List<T> map(List<T> in, UnaryOperator<T> f) {
    List<T> out = new ArrayList<>();
    for (T t : in) {
      out.add(f.apply(t));
    }
    return out;
  }
}

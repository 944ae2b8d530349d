package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.hash.Poseidon;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bundles with Poseidon instances (PRECOMPILES.md §4–§7): the honest bundle verifies and outputs the
 * native chain; the new wire parts are strict; a dropped, duplicated or foreign instance, a forged
 * multiplicity or bus sum on either side and a wrong claimed hash output are rejected with typed reasons.
 * Statement and instance changes are re-ground (a cheater can redo the global proof of work), so the
 * deeper check is the one that answers.
 */
class PoseidonBundleTest {
  static final Workers WORKERS = Workers.of(2);
  static final BundleVerifier VERIFIER = new BundleVerifier(WORKERS);
  static final ProgramImage CHAIN = TestGuests.image("poseidon-chain");
  static final int N = 30;
  static final byte[] INPUT = TestGuests.records(new long[] {N});
  static final ProveOptions OPTS = new ProveOptions(9, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);
  static final byte[] AIR = VmAir.of(CHAIN, InputMode.PUBLIC).constraints().digest();
  static Bundle honest;
  static Bundle foreign;

  @BeforeAll
  static void prove() throws Exception {
    ZkVm vm = new ZkVm(WORKERS);
    honest = Bundle.decode(vm.prove(CHAIN, INPUT, OPTS, ProgressListener.NONE).bundle());
    foreign = Bundle.decode(vm.prove(CHAIN, TestGuests.records(new long[] {N + 1}), OPTS, ProgressListener.NONE).bundle());
  }

  @AfterAll
  static void close() {
    WORKERS.close();
  }

  static BundleVerdict verify(Bundle b) {
    return VERIFIER.verify(CHAIN, b.encode(), ExpectedInput.of(INPUT), VerifyPolicy.DEFAULT);
  }

  static void rejects(Bundle b, BundleError expected) {
    BundleVerdict v = verify(b);
    assertThat(v.error()).as(v.toString()).contains(expected);
  }

  /** The bundle with these instances and segment proofs, its global proof of work re-ground for them. */
  static Bundle with(Bundle b, Statement st, List<SegmentProof> proofs, List<InstanceProof> instances) {
    List<InstanceCommitment> cs = instances.stream().map(InstanceProof::commitment).toList();
    long nonce = GlobalTranscript.grind(b.config(), st, AIR, b.segPublics(), cs);
    return new Bundle(b.config(), st, nonce, b.segPublics(), proofs, instances);
  }

  static Bundle withInstances(List<InstanceProof> instances) {
    return with(honest, honest.statement(), honest.proofs(), instances);
  }

  static long[] nativeChain(int n) {
    long[] s = new long[Poseidon.WIDTH];
    Poseidon p = new Poseidon();
    for (int i = 0; i < n; i++) {
      p.permute(s);
    }
    return s;
  }

  @Test
  void theHonestBundleVerifiesAndOutputsTheNativeChain() throws Exception {
    BundleVerdict v = verify(honest);
    assertThat(v.accepted()).as(v.toString()).isTrue();
    assertThat(honest.statement().outputs()).containsExactly(nativeChain(N));
    assertThat(honest.proofs()).hasSizeGreaterThan(1).allMatch(p -> p.posSum() != null);
    assertThat(honest.instances()).hasSize(1);
    assertThat(honest.instances().get(0).commitment().logRows()).isEqualTo(5); // 30 states + the free last row
    assertThat(Bundle.decode(honest.encode()).encode()).isEqualTo(honest.encode());
    assertThat(v.airs()).hasSize(2);
  }

  @Test
  void aBundleWithoutPoseidonStaysVersionTwo() throws Exception {
    Bundle plain = new Bundle(honest.config(), honest.statement(), 0, honest.segPublics(),
        honest.proofs().stream().map(p -> new SegmentProof(p.config(), p.segIdx(), p.memIn(), p.memOut(), p.stark())).toList());
    byte[] bytes = plain.encode();
    assertThat(bytes[4]).isEqualTo((byte) Bundle.VERSION);
    assertThat(Bundle.decode(bytes).instances()).isEmpty();
    rejects(plain, BundleError.PRECOMPILE_MISMATCH);
  }

  @Test
  void instanceProofCodecIsStrict() throws Exception {
    InstanceProof ip = honest.instances().get(0);
    ExtField f = honest.config().proofOptions().extension();
    byte[] bytes = ip.encode();
    assertThat(InstanceProof.decode(bytes, f)).isEqualTo(ip);
    for (int cut : new int[] {0, 3, 5, 6, 10, 12, 44, 60, bytes.length - 1}) {
      assertThatThrownBy(() -> InstanceProof.decode(Arrays.copyOf(bytes, cut), f))
          .isInstanceOf(MalformedProofException.class);
    }
    assertThatThrownBy(() -> InstanceProof.decode(Arrays.copyOf(bytes, bytes.length + 1), f))
        .isInstanceOf(MalformedProofException.class).hasMessageContaining("length mismatch");
    byte[] kind = bytes.clone();
    kind[6] = 2;
    assertThatThrownBy(() -> InstanceProof.decode(kind, f)).hasMessageContaining("unknown instance kind");
    byte[] version = bytes.clone();
    version[4] = 9;
    assertThatThrownBy(() -> InstanceProof.decode(version, f)).hasMessageContaining("unsupported version");
    byte[] size = bytes.clone();
    size[11] = 23;
    assertThatThrownBy(() -> InstanceProof.decode(size, f)).hasMessageContaining("out of range");
    byte[] felt = bytes.clone();
    Arrays.fill(felt, 44, 52, (byte) 0xFF); // POS_SUM's first component ≥ p
    assertThatThrownBy(() -> InstanceProof.decode(felt, f)).isInstanceOf(MalformedProofException.class);
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 50; i++) {
      byte[] g = new byte[rnd.nextInt(200)];
      rnd.nextBytes(g);
      assertThatThrownBy(() -> InstanceProof.decode(g, f)).isInstanceOf(MalformedProofException.class);
    }
  }

  @Test
  void commitmentAndPlanCodecsAreStrict() throws Exception {
    InstanceCommitment c = honest.instances().get(0).commitment();
    assertThat(InstanceCommitment.decode(c.encode())).isEqualTo(c);
    assertThatThrownBy(() -> InstanceCommitment.decode(Arrays.copyOf(c.encode(), 37))).isInstanceOf(MalformedProofException.class);
    assertThatThrownBy(() -> InstanceCommitment.decode(Arrays.copyOf(c.encode(), 39))).isInstanceOf(MalformedProofException.class);
    List<long[]> reqs = List.of(new long[12], nativeChain(1), new long[12]);
    List<InstancePlan> plans = InstancePlan.of(reqs, 4);
    assertThat(plans).hasSize(1);
    assertThat(plans.get(0).mult()).containsExactly(2, 1);
    byte[] pb = plans.get(0).encode();
    assertThat(InstancePlan.decode(pb)).isEqualTo(plans.get(0));
    assertThatThrownBy(() -> InstancePlan.decode(Arrays.copyOf(pb, pb.length - 1))).isInstanceOf(MalformedProofException.class);
    assertThatThrownBy(() -> InstancePlan.decode(Arrays.copyOf(pb, pb.length + 8))).isInstanceOf(MalformedProofException.class);
    byte[] huge = pb.clone();
    huge[5] = (byte) 0xFF; // n far beyond the bytes and the rows
    assertThatThrownBy(() -> InstancePlan.decode(huge)).isInstanceOf(MalformedProofException.class);
    List<long[]> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(nativeChain(i));
    }
    assertThat(InstancePlan.of(many, 4)).hasSize(3).allMatch(p -> p.inputs().length <= 15);
  }

  @Test
  void truncatedOrExtendedBundleIsMalformed() {
    byte[] bytes = honest.encode();
    for (int cut : new int[] {bytes.length - 1, bytes.length - 20, bytes.length - honest.instances().get(0).encode().length}) {
      BundleVerdict v = VERIFIER.verify(CHAIN, Arrays.copyOf(bytes, cut), ExpectedInput.of(INPUT), VerifyPolicy.DEFAULT);
      assertThat(v.error()).contains(BundleError.MALFORMED);
    }
    BundleVerdict v = VERIFIER.verify(CHAIN, Arrays.copyOf(bytes, bytes.length + 3), ExpectedInput.of(INPUT), VerifyPolicy.DEFAULT);
    assertThat(v.error()).contains(BundleError.MALFORMED);
  }

  @Test
  void droppedInstanceUnbalancesTheBus() {
    rejects(withInstances(List.of()), BundleError.BUS_UNBALANCED);
    // without re-grinding, the changed transcript already fails the global proof of work
    rejects(new Bundle(honest.config(), honest.statement(), honest.globalNonce(), honest.segPublics(), honest.proofs(),
        List.of()), BundleError.GLOBAL_POW_INVALID);
  }

  @Test
  void duplicatedInstanceIsOutOfPlace() {
    InstanceProof i0 = honest.instances().get(0);
    rejects(withInstances(List.of(i0, i0)), BundleError.INSTANCE_INDEX_MISMATCH);
  }

  @Test
  void instanceFromAnotherRunUnbalancesTheBus() {
    rejects(withInstances(foreign.instances()), BundleError.BUS_UNBALANCED);
  }

  @Test
  void instanceOnAProgramWithoutPoseidonIsRefused() throws Exception {
    ProgramImage fib = TestGuests.image("fib");
    byte[] in = TestGuests.records(new long[] {20});
    Bundle b = Bundle.decode(new ZkVm(WORKERS).prove(fib, in, OPTS, ProgressListener.NONE).bundle());
    Bundle withInst = new Bundle(b.config(), b.statement(), b.globalNonce(), b.segPublics(), b.proofs(), honest.instances());
    BundleVerdict v = VERIFIER.verify(fib, withInst.encode(), ExpectedInput.of(in), VerifyPolicy.DEFAULT);
    assertThat(v.error()).as(v.toString()).contains(BundleError.MALFORMED); // v3 needs POS_SUM on every segment
    assertThat(v.detail()).contains("must all carry POS_SUM");
    Bundle parsed = new Bundle(b.config(), b.statement(), b.globalNonce(), b.segPublics(), b.proofs(), honest.instances());
    BundleVerdict typed = VERIFIER.verify(fib, parsed, ExpectedInput.of(in), VerifyPolicy.DEFAULT);
    assertThat(typed.error()).as(typed.toString()).contains(BundleError.PRECOMPILE_MISMATCH);
  }

  /** Proves the run by hand with the instance plans altered: a prover that forges the instance side. */
  static Bundle proveForged(UnaryOperator<InstancePlan> forge) throws Exception {
    VmConfig config = OPTS.config(CHAIN);
    Plan plan = new Planner(64).plan(CHAIN, config, WordTape.ofBytes(INPUT));
    SegmentProver sp = new SegmentProver(CHAIN, config, InputMode.PUBLIC, WORKERS);
    List<SegmentProver.Committed> committed = new ArrayList<>();
    List<long[]> requests = new ArrayList<>();
    for (Checkpoint cp : plan.segments()) {
      SegmentProver.Committed c = sp.commit(cp);
      committed.add(c);
      requests.addAll(c.trace().permutations());
    }
    PoseidonInstanceProver ip = new PoseidonInstanceProver(config, WORKERS);
    List<PoseidonInstanceProver.Committed> inst = InstancePlan.of(requests, config.logN()).stream()
        .map(forge).map(ip::commit).toList();
    Statement st = honest.statement();
    Aggregator agg = new Aggregator(config, st, sp.airDigest(), committed.size(), inst.size());
    committed.forEach(c -> agg.accept(c.commitment()));
    inst.forEach(c -> agg.accept(c.commitment()));
    GlobalChallenges g = agg.challenges();
    List<SegmentProof> proofs = committed.stream().map(c -> sp.prove(c, g)).toList();
    List<InstanceProof> ips = inst.stream().map(c -> ip.prove(c, g, p -> { })).toList();
    return agg.aggregate(proofs, ips);
  }

  @Test
  void forgedMultiplicityOnTheInstanceSideIsRejected() throws Exception {
    Bundle same = proveForged(p -> p);
    assertThat(verify(same).accepted()).as("the by-hand pipeline is the honest one").isTrue();
    Bundle forged = proveForged(p -> {
      long[] m = p.mult();
      m[3] += 1;
      return new InstancePlan(p.index(), p.logRows(), p.inputs(), m);
    });
    rejects(forged, BundleError.BUS_UNBALANCED);
    // the same forgery with a POS_SUM claimed to balance the bus: the instance's STARK refuses the claim
    Ext segs = honest.config().proofOptions().extension().zero();
    for (SegmentProof p : forged.proofs()) {
      segs = segs.add(p.posSum());
    }
    InstanceProof f = forged.instances().get(0);
    InstanceProof lying = new InstanceProof(f.commitment(), segs.neg(), f.stark());
    rejects(new Bundle(forged.config(), forged.statement(), forged.globalNonce(), forged.segPublics(), forged.proofs(),
        List.of(lying)), BundleError.INSTANCE_REJECTED);
  }

  @Test
  void forgedBusSumOnTheVmSideIsRejected() {
    ExtField f = honest.config().proofOptions().extension();
    SegmentProof p0 = honest.proofs().get(0);
    Ext one = f.one();
    SegmentProof bumped = new SegmentProof(p0.config(), 0, p0.memIn(), p0.memOut(), p0.posSum().add(one), p0.stark());
    List<SegmentProof> proofs = new ArrayList<>(honest.proofs());
    proofs.set(0, bumped);
    rejects(new Bundle(honest.config(), honest.statement(), honest.globalNonce(), honest.segPublics(), proofs,
        honest.instances()), BundleError.BUS_UNBALANCED);
    // balanced again by moving the same amount to the instance: the segment's STARK refuses its claim
    InstanceProof i0 = honest.instances().get(0);
    InstanceProof moved = new InstanceProof(i0.commitment(), i0.posSum().sub(one), i0.stark());
    rejects(new Bundle(honest.config(), honest.statement(), honest.globalNonce(), honest.segPublics(), proofs,
        List.of(moved)), BundleError.SEGMENT_REJECTED);
  }

  @Test
  void wrongClaimedHashOutputIsRejected() {
    long[] out = honest.statement().outputs();
    out[0] = dev.zisk4j.engine.field.Goldilocks.add(out[0], 1);
    Statement st = honest.statement();
    Statement lie = new Statement(st.imageId(), st.vkRoot(), st.inputDigest(), st.inputWords(), st.inputMode(), out);
    // the claim moves every global challenge: the bus claims still cancel (they are claims), the RAM
    // fingerprint of the first segment no longer matches (and its STARK would fail next). A guest trace
    // that writes a wrong permutation output is PoseidonVmMutationTest's "wrong output word" (last.Lpos).
    rejects(with(honest, lie, honest.proofs(), honest.instances()), BundleError.INITIAL_MEMORY_MISMATCH);
  }

  @Test
  void provenHundredProfileProvesAndVerifiesAndStillChecksTheBus() throws Exception {
    ProveOptions cubic = OPTS.withSecurity(SecurityProfile.PROVEN_100);
    byte[] in = TestGuests.records(new long[] {3});
    Bundle b = Bundle.decode(new ZkVm(WORKERS).prove(CHAIN, in, cubic, ProgressListener.NONE).bundle());
    assertThat(b.config().extDeg()).isEqualTo(3);
    BundleVerdict v = VERIFIER.verify(CHAIN, b.encode(), ExpectedInput.of(in), SecurityProfile.PROVEN_100.policy());
    assertThat(v.accepted()).as(v.toString()).isTrue();
    assertThat(b.statement().outputs()).containsExactly(nativeChain(3));
    long nonce = GlobalTranscript.grind(b.config(), b.statement(), AIR, b.segPublics(), List.of());
    Bundle dropped = new Bundle(b.config(), b.statement(), nonce, b.segPublics(), b.proofs(), List.of());
    BundleVerdict d = VERIFIER.verify(CHAIN, dropped.encode(), ExpectedInput.of(in), SecurityProfile.PROVEN_100.policy());
    assertThat(d.error()).as(d.toString()).contains(BundleError.BUS_UNBALANCED);
  }
}

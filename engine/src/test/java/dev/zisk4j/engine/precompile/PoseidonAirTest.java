package dev.zisk4j.engine.precompile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.air.AirChecker;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.CheckReport;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.MainCommitment;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.stark.ProvingException;
import dev.zisk4j.engine.stark.StarkProofFormat;
import dev.zisk4j.engine.stark.StarkProver;
import dev.zisk4j.engine.stark.StarkVerifier;
import dev.zisk4j.engine.stark.VerificationResult;
import dev.zisk4j.engine.stark.VerifyingKey;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Poseidon AIR on its own: trace = native permutation, mutation per constraint family, two-phase proofs. */
class PoseidonAirTest {
  static final Workers W = Workers.of(2);
  static final PoseidonAir AIR = new PoseidonAir();
  static final ExtField F = ExtField.QUADRATIC;
  static final Challenges CH = Challenges.of(F, List.of(F.element(123456789, 987654321), F.element(555, 777)));

  @AfterAll
  static void close() {
    W.close();
  }

  static long[][] randomStates(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[][] s = new long[n][Poseidon.WIDTH];
    for (long[] st : s) {
      for (int i = 0; i < st.length; i++) {
        st[i] = Goldilocks.reduce64(rnd.nextLong());
      }
    }
    return s;
  }

  static long[] ones(int n) {
    long[] m = new long[n];
    java.util.Arrays.fill(m, 1);
    return m;
  }

  static PublicValues pub(Ext sum) {
    return new PublicValues(new long[0], F.flatten(sum));
  }

  @Test
  void layoutIsOneRowOf261CellsPerPermutation() {
    assertThat(PoseidonAir.MAIN_COLUMNS).isEqualTo(261);
    assertThat(AIR.constraints().columnCount(dev.zisk4j.engine.air.ColumnKind.PRE)).isZero();
    assertThat(PoseidonAir.columnName(PoseidonAir.OUT)).isEqualTo("out0");
    assertThat(PoseidonAir.columnName(PoseidonAir.IN + 12)).isEqualTo("u_0_0");
    assertThat(PoseidonTrace.rowsFor(0)).isEqualTo(16);
    assertThat(PoseidonTrace.rowsFor(15)).isEqualTo(16);
    assertThat(PoseidonTrace.rowsFor(16)).isEqualTo(32);
  }

  @Test
  void traceOutputsAreTheNativePermutationAndTheCheckerAccepts() {
    long[][] in = randomStates(20, 1);
    long[][] t = PoseidonTrace.build(in, ones(20), 32);
    Poseidon p = new Poseidon();
    for (int row = 0; row < 20; row++) {
      long[] s = in[row].clone();
      p.permute(s);
      for (int i = 0; i < 12; i++) {
        assertThat(t[PoseidonAir.OUT + i][row]).isEqualTo(s[i]);
      }
    }
    Ext sum = PoseidonAir.busSum(t, CH);
    CheckReport r = AirChecker.check(AIR, t, CH, pub(sum));
    assertThat(r.ok()).as(r.toString()).isTrue();
    // the claimed sum must be the true one
    assertThat(AirChecker.check(AIR, t, CH, pub(sum.add(F.one()))).violates("last.L")).isTrue();
  }

  /** One mutated cell per family: the checker names the family. */
  @Test
  void everyConstraintFamilyCatchesItsMutation() {
    long[][] in = randomStates(10, 2);
    long[][] good = PoseidonTrace.build(in, ones(10), 16);
    Ext sum = PoseidonAir.busSum(good, CH);
    record Mutation(int column, int row, String family) {}
    List<Mutation> cases = List.of(
        new Mutation(PoseidonAir.IN + 12, 3, "pos.full"),            // u of round 0
        new Mutation(PoseidonAir.IN + 13, 3, "pos.full"),            // w of round 0
        new Mutation(PoseidonAir.IN + 12 + 4 * 24, 5, "pos.partial"), // u of round 4
        new Mutation(PoseidonAir.IN + 12 + 4 * 24 + 1, 5, "pos.partial"),
        new Mutation(PoseidonAir.OUT + 7, 2, "pos.output"),
        new Mutation(PoseidonAir.MULT, 4, "last"),                  // forged multiplicity: the claimed sum breaks
        new Mutation(PoseidonAir.MULT, 15, "last"));
    for (Mutation mu : cases) {
      long[][] t = copy(good);
      t[mu.column()][mu.row()] = Goldilocks.add(t[mu.column()][mu.row()], 1);
      CheckReport r = AirChecker.check(AIR, t, CH, pub(sum));
      assertThat(r.ok()).as("%s", mu).isFalse();
      assertThat(r.violations().stream().map(v -> v.family()).toList()).as("%s", mu).contains(mu.family());
    }
    // the aux column: first.L and bus.poseidon
    long[][] aux = AIR.buildAux(new long[0][], good, CH, pub(sum));
    aux[0][0] = 1;
    CheckReport r = AirChecker.check(AIR.constraints(), new long[0][], good, aux, CH, pub(sum));
    assertThat(r.violations().stream().map(v -> v.family()).toList()).contains("first", "bus.poseidon");
  }

  static long[][] copy(long[][] a) {
    long[][] c = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  static Transcript instanceTranscript(byte[] seed) {
    Transcript t = Transcript.create(Transcript.LABEL_SEGMENT);
    t.absorb(TranscriptTag.GLOBAL_SEED, seed);
    return t;
  }

  @Test
  void twoPhaseProofVerifiesAndBindsTheClaimedSum() {
    long[][] t = PoseidonTrace.build(randomStates(40, 3), ones(40), 64);
    StarkProver prover = new StarkProver(ProofOptions.DEFAULT, W);
    MainCommitment mc = prover.commitMain(AIR, t);
    Transcript global = Transcript.create(Transcript.LABEL_GLOBAL);
    global.absorb(TranscriptTag.MAIN_ROOT, mc.mainRoot());
    Challenges ch = Challenges.of(F, List.of(global.squeezeExt(F), global.squeezeExt(F)));
    byte[] seed = global.squeeze();
    Ext sum = PoseidonAir.busSum(t, ch);
    byte[] proof = StarkProofFormat.encode(prover.provePhase2(mc, ch, pub(sum), instanceTranscript(seed)));
    VerifyingKey vk = VerifyingKey.of(AIR, 6, ProofOptions.DEFAULT, W);
    StarkVerifier v = new StarkVerifier();
    assertThat(v.verifyPhase2(vk, proof, mc.mainRoot(), ch, pub(sum), instanceTranscript(seed)).accepted()).isTrue();
    VerificationResult wrong = v.verifyPhase2(vk, proof, mc.mainRoot(), ch, pub(sum.add(F.one())), instanceTranscript(seed));
    assertThat(wrong.accepted()).isFalse();
    // the prover refuses a false claim and a trace whose output is wrong
    assertThatThrownBy(() -> prover.provePhase2(mc, ch, pub(sum.add(F.one())), instanceTranscript(seed)))
        .isInstanceOf(ProvingException.class).hasMessageContaining("last.L");
    long[][] bad = copy(t);
    bad[PoseidonAir.OUT][7] = Goldilocks.add(bad[PoseidonAir.OUT][7], 1);
    MainCommitment badMc = prover.commitMain(AIR, bad);
    assertThatThrownBy(() -> prover.provePhase2(badMc, ch, pub(PoseidonAir.busSum(bad, ch)), instanceTranscript(seed)))
        .isInstanceOf(ProvingException.class).hasMessageContaining("pos.output");
    assertThatThrownBy(() -> prover.prove(AIR, t, new long[0])).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("POS_SUM");
  }

  /** The bus: requests (+1 each) against the instance (−mult each) balance exactly when they match. */
  @Test
  void busBalancesOnlyWhenMultiplicitiesMatchTheRequests() {
    long[][] in = randomStates(6, 4);
    long[] mult = {1, 2, 1, 1, 3, 1};
    long[][] t = PoseidonTrace.build(in, mult, 16);
    Poseidon p = new Poseidon();
    java.util.List<long[]> requests = new java.util.ArrayList<>();
    for (int k = 0; k < in.length; k++) {
      for (int c = 0; c < mult[k]; c++) {
        long[] st = in[k].clone();
        long[] req = new long[24];
        System.arraycopy(st, 0, req, 0, 12);
        p.permute(st);
        System.arraycopy(st, 0, req, 12, 12);
        requests.add(req);
      }
    }
    Ext instance = PoseidonAir.busSum(t, CH);
    assertThat(PoseidonBus.requestSum(requests, CH).add(instance).isZero()).isTrue();
    // forged multiplicity on the instance side
    long[][] forged = copy(t);
    forged[PoseidonAir.MULT][1] = 1;
    assertThat(PoseidonBus.requestSum(requests, CH).add(PoseidonAir.busSum(forged, CH)).isZero()).isFalse();
    // a forged request (one more, or a wrong output) on the VM side
    java.util.List<long[]> more = new java.util.ArrayList<>(requests);
    more.add(requests.get(0));
    assertThat(PoseidonBus.requestSum(more, CH).add(instance).isZero()).isFalse();
    java.util.List<long[]> wrongOut = new java.util.ArrayList<>(requests);
    long[] w = requests.get(2).clone();
    w[20] = Goldilocks.add(w[20], 1);
    wrongOut.set(2, w);
    assertThat(PoseidonBus.requestSum(wrongOut, CH).add(instance).isZero()).isFalse();
  }
}

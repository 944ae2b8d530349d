package dev.zisk4j.engine.fri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.poly.Lde;
import dev.zisk4j.engine.poly.Ntt;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FriTest {
    static final Workers W = Workers.of(2);
    static final Ntt NTT = new Ntt(14);

    @AfterAll
    static void close() {
        W.close();
    }

    /** Evaluations on g·⟨ω_{8d}⟩ of a random ext polynomial with {@code coeffs} coefficients. */
    static long[][] poly(int logN0, int coeffs, long seed) {
        return poly(logN0, coeffs, seed, 2);
    }

    /** The same over the extension of degree d (d component columns). */
    static long[][] poly(int logN0, int coeffs, long seed, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] out = new long[d][];
        for (int c = 0; c < d; c++) {
            long[] co = new long[coeffs];
            for (int i = 0; i < coeffs; i++) {
                co[i] = Goldilocks.reduce64(r.nextLong());
            }
            out[c] = Lde.evaluateOnCoset(NTT, co, 1 << logN0);
        }
        return out;
    }

    record Run(FriProver prover, Ext[] zetas, int[] queries, Transcript t) {}

    static Run run(long[][] f, int logDegree, boolean check) {
        Transcript t = Transcript.create("fri-test");
        FriProver p = new FriProver(NTT, W, f, logDegree, t, check);
        // replay the transcript to get the ζs as the verifier would
        Transcript v = Transcript.create("fri-test");
        byte[][] roots = p.roots();
        ExtField field = ExtField.ofDegree(f.length);
        Ext[] zetas = new Ext[roots.length];
        for (int l = 0; l < roots.length; l++) {
            v.absorb(TranscriptTag.FRI_ROOT, roots[l]);
            zetas[l] = v.squeezeExt(field);
        }
        v.absorbLongs(TranscriptTag.FRI_REMAINDER, p.remainder());
        TreeSet<Integer> q = new TreeSet<>();
        int logN0 = Integer.numberOfTrailingZeros(f[0].length);
        for (int i = 0; i < 30; i++) {
            q.add(v.squeezeIndex(logN0));
        }
        return new Run(p, zetas, q.stream().mapToInt(Integer::intValue).toArray(), v);
    }

    static FriVerifier.Outcome verify(long[][] f, Run r) {
        long[][] vals = new long[r.queries().length][];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = new long[f.length];
            for (int c = 0; c < f.length; c++) {
                vals[i][c] = f[c][r.queries()[i]];
            }
        }
        List<FriLayerOpening> open = r.prover().open(r.queries());
        return FriVerifier.verify(Integer.numberOfTrailingZeros(f[0].length), r.queries(), vals, r.prover().roots(),
                r.zetas(), open, r.prover().remainder(), ExtField.ofDegree(f.length));
    }

    @Test
    void acceptsLowDegreeAtSeveralSizes() {
        for (int logD : new int[] {3, 5, 6, 9, 10}) {
            long[][] f = poly(logD + 3, 1 << logD, logD);
            Run r = run(f, logD, true);
            assertThat(r.prover().roots().length).isEqualTo(FriFolding.layerCount(logD));
            assertThat(r.prover().remainder().length / 2).isLessThanOrEqualTo(FriFolding.MAX_REMAINDER_DEGREE);
            assertThat(verify(f, r)).as("logD=%d", logD).isEqualTo(FriVerifier.Outcome.OK);
        }
        for (int logD : new int[] {5, 9}) {
            long[][] f = poly(logD + 3, 1 << logD, logD, 3);
            Run r = run(f, logD, true);
            assertThat(r.prover().remainder().length / 3).isLessThanOrEqualTo(FriFolding.MAX_REMAINDER_DEGREE);
            assertThat(verify(f, r)).as("cubic logD=%d", logD).isEqualTo(FriVerifier.Outcome.OK);
        }
        assertThat(FriFolding.layerCount(16)).isEqualTo(6);
        assertThat(FriFolding.layerCount(5)).isZero();
    }

    @Test
    void honestProverRefusesTooHighDegree() {
        long[][] f = poly(12, (1 << 9) + 1, 1);
        assertThatThrownBy(() -> run(f, 9, true)).hasMessageContaining("degree bound");
    }

    @Test
    void verifierRejectsDegreeJustAboveTheBound() {
        for (int logD : new int[] {9, 10}) {
            long[][] f = poly(logD + 3, (1 << logD) + 1, 77 + logD);
            Run r = run(f, logD, false);
            assertThat(verify(f, r)).as("logD=%d", logD).isIn(FriVerifier.Outcome.FOLD_MISMATCH,
                    FriVerifier.Outcome.REMAINDER_MISMATCH);
            long[][] c = poly(logD + 3, (1 << logD) + 1, 91 + logD, 3);
            assertThat(verify(c, run(c, logD, false))).as("cubic logD=%d", logD).isIn(FriVerifier.Outcome.FOLD_MISMATCH,
                    FriVerifier.Outcome.REMAINDER_MISMATCH);
        }
    }

    @Test
    void wrongLayerZeroValueIsCaught() {
        long[][] f = poly(12, 1 << 9, 3);
        Run r = run(f, 9, true);
        long[][] vals = new long[r.queries().length][];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = new long[] {f[0][r.queries()[i]], f[1][r.queries()[i]]};
        }
        vals[3][1] = Goldilocks.add(vals[3][1], 1);
        assertThat(FriVerifier.verify(12, r.queries(), vals, r.prover().roots(), r.zetas(), r.prover().open(r.queries()),
                r.prover().remainder(), ExtField.QUADRATIC)).isEqualTo(FriVerifier.Outcome.LAYER0_MISMATCH);
    }
}

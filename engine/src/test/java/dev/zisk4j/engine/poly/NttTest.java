package dev.zisk4j.engine.poly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NttTest {
    static final Ntt NTT = new Ntt(14);

    static long[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.reduce64(r.nextLong());
        }
        return a;
    }

    static long eval(long[] coeffs, long x) {
        long acc = 0;
        for (int i = coeffs.length - 1; i >= 0; i--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), coeffs[i]);
        }
        return acc;
    }

    @Property(tries = 40)
    void forwardMatchesNaiveEvaluation(@ForAll @IntRange(min = 0, max = 7) int log, @ForAll long seed) {
        int n = 1 << log;
        long[] c = random(n, seed);
        long[] e = c.clone();
        NTT.forward(e);
        long w = Goldilocks.rootOfUnity(log);
        for (int i = 0; i < n; i++) {
            assertThat(e[i]).isEqualTo(eval(c, Goldilocks.pow(w, i)));
        }
    }

    @Property(tries = 30)
    void inverseUndoesForward(@ForAll @IntRange(min = 0, max = 14) int log, @ForAll long seed) {
        long[] a = random(1 << log, seed);
        long[] b = a.clone();
        NTT.forward(b);
        NTT.inverse(b);
        assertThat(b).isEqualTo(a);
    }

    @Property(tries = 30)
    void difAndNaturalInverseAgreeWithTheReference(@ForAll @IntRange(min = 0, max = 12) int log, @ForAll long seed) {
        long[] a = random(1 << log, seed);
        long[] ref = a.clone();
        NTT.forward(ref);
        long[] dif = a.clone();
        NTT.forwardBitReversedOut(dif);
        for (int i = 0; i < a.length; i++) {
            assertThat(dif[Ntt.bitReverseIndex(i, log)]).isEqualTo(ref[i]);
        }
        NTT.inverseNatural(ref);
        assertThat(ref).isEqualTo(a);
    }

    @Property(tries = 20)
    void cosetByCosetLdeEqualsOneBigNtt(@ForAll @IntRange(min = 0, max = 9) int log, @ForAll @IntRange(min = 1, max = 4) int logB,
            @ForAll long seed) {
        long[] c = random(1 << log, seed);
        assertThat(Lde.evaluateOnCosets(NTT, c, logB)).isEqualTo(Lde.evaluateOnCoset(NTT, c, 1 << (log + logB)));
    }

    @Test
    void ldeMatchesDirectEvaluationOnTheCoset() {
        int n = 64;
        long[] trace = random(n, 5);
        try (Workers w = Workers.of(2)) {
            Lde.Extended ext = Lde.extend(NTT, w, new long[][] {trace}, 3);
            long[] coeffs = ext.coefficients()[0];
            long[] lde = ext.evaluations()[0];
            assertThat(lde).hasSize(8 * n);
            long wn = Goldilocks.rootOfUnity(6);
            long w8n = Goldilocks.rootOfUnity(9);
            for (int i = 0; i < n; i++) {
                assertThat(eval(coeffs, Goldilocks.pow(wn, i))).isEqualTo(trace[i]);
            }
            for (int i = 0; i < 8 * n; i += 37) {
                long x = Goldilocks.mul(7, Goldilocks.pow(w8n, i));
                assertThat(lde[i]).isEqualTo(eval(coeffs, x));
            }
            long[] back = lde.clone();
            Lde.interpolateCoset(NTT, back);
            for (int i = 0; i < 8 * n; i++) {
                assertThat(back[i]).isEqualTo(i < n ? coeffs[i] : 0);
            }
            // ext-point evaluation agrees with base evaluation on a base point
            for (ExtField f : new ExtField[] {ExtField.QUADRATIC, ExtField.CUBIC}) {
                assertThat(Lde.evaluateAt(coeffs, f.of(12345))).isEqualTo(f.of(eval(coeffs, 12345)));
            }
        }
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> NTT.forward(new long[3])).hasMessageContaining("n=3");
        assertThatThrownBy(() -> NTT.forward(new long[1 << 15])).hasMessageContaining("n=32768");
        assertThatThrownBy(() -> new Ntt(31)).hasMessageContaining("logMax=31");
    }
}

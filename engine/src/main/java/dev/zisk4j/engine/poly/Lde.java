package dev.zisk4j.engine.poly;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;

/**
 * Low-degree extension onto the coset D = g·⟨ω_{bN}⟩ with g = 7 and blowup b = 2^logBlowup: interpolate
 * the N trace values (iNTT), scale coefficient i by g^i, zero-pad to bN, NTT. Row i of the trace is the
 * point ω_N^i; LDE index i is the point g·ω_{bN}^i, and "next row" on D is index i + b (mod bN).
 */
public final class Lde {
    /** The coset shift g (the field generator). */
    public static final long SHIFT = Goldilocks.GENERATOR;

    private Lde() {}

    /** Coefficients and LDE evaluations of a set of columns. */
    public record Extended(long[][] coefficients, long[][] evaluations) {}

    /**
     * Interpolates each column and evaluates it on the coset of size len·2^logBlowup, one column per task.
     *
     * @throws IllegalArgumentException if the columns differ in length or the size exceeds the NTT tables
     */
    public static Extended extend(Ntt ntt, Workers workers, long[][] columns, int logBlowup) {
        int cols = columns.length;
        long[][] coeffs = new long[cols][];
        long[][] evals = new long[cols][];
        if (cols == 0) {
            return new Extended(coeffs, evals);
        }
        int n = columns[0].length;
        for (long[] c : columns) {
            if (c.length != n) {
                throw new IllegalArgumentException("column length mismatch: expected=" + n + ", actual=" + c.length);
            }
        }
        long[][] cosetPowers = cosetPowers(n, logBlowup);
        workers.forEach(cols, c -> {
            long[] co = columns[c].clone();
            ntt.inverseNatural(co);
            coeffs[c] = co;
            evals[c] = evaluateOnCosets(ntt, co, logBlowup, cosetPowers);
        });
        return new Extended(coeffs, evals);
    }

    /**
     * Evaluates a polynomial of n = coeffs.length coefficients on g·⟨ω_{n·2^logBlowup}⟩ as 2^logBlowup NTTs of
     * size n, one per coset g·ω_{bn}^j·⟨ω_n⟩ (cache-friendly, no bit-reversal pass): point index k·b + j.
     */
    public static long[] evaluateOnCosets(Ntt ntt, long[] coeffs, int logBlowup) {
        return evaluateOnCosets(ntt, coeffs, logBlowup, cosetPowers(coeffs.length, logBlowup));
    }

    /**
     * The scaling factors of {@link #evaluateOnCosets}: row j holds (g·ω_{bn}^j)^i for i &lt; n. Shared by every
     * column of one LDE so each coefficient costs one multiplication per coset.
     */
    public static long[][] cosetPowers(int n, int logBlowup) {
        int b = 1 << logBlowup;
        int logN = Integer.numberOfTrailingZeros(n);
        long[][] pow = new long[b][n];
        long wBig = Goldilocks.rootOfUnity(logN + logBlowup);
        long shift = SHIFT;
        for (int j = 0; j < b; j++) {
            long s = 1;
            for (int i = 0; i < n; i++) {
                pow[j][i] = s;
                s = Goldilocks.mul(s, shift);
            }
            shift = Goldilocks.mul(shift, wBig);
        }
        return pow;
    }

    /** {@link #evaluateOnCosets(Ntt, long[], int)} with precomputed {@link #cosetPowers}. */
    public static long[] evaluateOnCosets(Ntt ntt, long[] coeffs, int logBlowup, long[][] cosetPowers) {
        int n = coeffs.length;
        int b = 1 << logBlowup;
        int logN = Integer.numberOfTrailingZeros(n);
        long[] out = new long[n << logBlowup];
        long[][] tmp = new long[b][n];
        for (int j = 0; j < b; j++) {
            long[] t = tmp[j];
            long[] pw = cosetPowers[j];
            for (int i = 0; i < n; i++) {
                t[i] = Goldilocks.mul(coeffs[i], pw[i]);
            }
            ntt.forwardBitReversedOut(t);
        }
        // interleave: sequential writes, reads stay within the size-n arrays (cache-resident)
        for (int r = 0, o = 0; r < n; r++) {
            int src = Ntt.bitReverseIndex(r, logN);
            for (int j = 0; j < b; j++) {
                out[o++] = tmp[j][src];
            }
        }
        return out;
    }

    /** Evaluates the polynomial with the given coefficients on g·⟨ω_size⟩ (size ≥ coeffs.length). */
    public static long[] evaluateOnCoset(Ntt ntt, long[] coeffs, int size) {
        long[] out = new long[size];
        long s = 1;
        for (int i = 0; i < coeffs.length; i++) {
            out[i] = Goldilocks.mul(coeffs[i], s);
            s = Goldilocks.mul(s, SHIFT);
        }
        ntt.forward(out);
        return out;
    }

    /** Inverse of {@link #evaluateOnCoset}: coefficients of the polynomial with these values on g·⟨ω_n⟩. In place. */
    public static void interpolateCoset(Ntt ntt, long[] values) {
        interpolateCoset(ntt, values, SHIFT);
    }

    /** Coefficients of the polynomial with these values on shift·⟨ω_n⟩. In place. */
    public static void interpolateCoset(Ntt ntt, long[] values, long shift) {
        ntt.inverse(values);
        long sInv = Goldilocks.inv(shift);
        long s = 1;
        for (int i = 0; i < values.length; i++) {
            values[i] = Goldilocks.mul(values[i], s);
            s = Goldilocks.mul(s, sInv);
        }
    }

    /** The powers z^0..z^(n−1) of an extension point, as d component arrays, for {@link #dot}. */
    public static long[][] powers(Ext z, int n) {
        ExtField f = z.field();
        long[][] p = new long[f.degree()][n];
        Ext a = f.one();
        for (int i = 0; i < n; i++) {
            p[0][i] = a.c0();
            p[1][i] = a.c1();
            if (f.degree() == 3) {
                p[2][i] = a.c2();
            }
            a = a.mul(z);
        }
        return p;
    }

    /**
     * Σ coeffs[i]·z^i for base coefficients, given z's powers: d independent products per term (throughput-bound,
     * unlike Horner's dependent chain).
     */
    public static Ext dot(long[] coeffs, long[][] zPowers, ExtField f) {
        long[] out = new long[f.degree()];
        for (int k = 0; k < out.length; k++) {
            long[] pk = zPowers[k];
            long a = 0;
            for (int i = 0; i < coeffs.length; i++) {
                a = Goldilocks.add(a, Goldilocks.mul(coeffs[i], pk[i]));
            }
            out[k] = a;
        }
        return f.element(out);
    }

    /**
     * The value at z of an extension polynomial committed as d base polynomials P_0..P_{d−1} (its coefficients'
     * components, {@code coeffs[first + k]}): Σ_k X^k·P_k(z).
     */
    public static Ext extAt(long[][] coeffs, int first, long[][] zPowers, ExtField f) {
        long[] unit = new long[f.degree()];
        Ext acc = f.zero();
        for (int k = 0; k < f.degree(); k++) {
            java.util.Arrays.fill(unit, 0);
            unit[k] = 1;
            acc = acc.add(f.element(unit).mul(dot(coeffs[first + k], zPowers, f)));
        }
        return acc;
    }

    /** Horner evaluation of a base-field polynomial at an extension point. */
    public static Ext evaluateAt(long[] coeffs, Ext z) {
        Ext a = z.field().zero();
        for (int i = coeffs.length - 1; i >= 0; i--) {
            a = a.mul(z).add(z.field().of(coeffs[i]));
        }
        return a;
    }
}

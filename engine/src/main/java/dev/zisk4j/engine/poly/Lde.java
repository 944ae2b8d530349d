package dev.zisk4j.engine.poly;

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
        workers.forEach(cols, c -> {
            long[] co = columns[c].clone();
            ntt.inverse(co);
            coeffs[c] = co;
            evals[c] = evaluateOnCoset(ntt, co, n << logBlowup);
        });
        return new Extended(coeffs, evals);
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

    /** Horner evaluation of a base-field polynomial at an extension point (c0, c1); returns {c0, c1}. */
    public static long[] evaluateAt(long[] coeffs, long z0, long z1) {
        long a0 = 0;
        long a1 = 0;
        for (int i = coeffs.length - 1; i >= 0; i--) {
            long t0 = dev.zisk4j.engine.field.Ext2.mulC0(a0, a1, z0, z1);
            long t1 = dev.zisk4j.engine.field.Ext2.mulC1(a0, a1, z0, z1);
            a0 = Goldilocks.add(t0, coeffs[i]);
            a1 = t1;
        }
        return new long[] {a0, a1};
    }

    /** Horner evaluation of an extension polynomial (c0[], c1[]) at an extension point; returns {c0, c1}. */
    public static long[] evaluateAt(long[] coeffs0, long[] coeffs1, long z0, long z1) {
        long a0 = 0;
        long a1 = 0;
        for (int i = coeffs0.length - 1; i >= 0; i--) {
            long t0 = dev.zisk4j.engine.field.Ext2.mulC0(a0, a1, z0, z1);
            long t1 = dev.zisk4j.engine.field.Ext2.mulC1(a0, a1, z0, z1);
            a0 = Goldilocks.add(t0, coeffs0[i]);
            a1 = Goldilocks.add(t1, coeffs1[i]);
        }
        return new long[] {a0, a1};
    }
}

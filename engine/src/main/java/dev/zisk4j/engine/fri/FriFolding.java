package dev.zisk4j.engine.fri;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;

/**
 * The arity-4 FRI fold of design §4.1 step 6, shared by prover and verifier. A leaf holds the values
 * v_j = f(x·ι^j), j &lt; 4, of one coset x·{1, ι, −1, −ι} (ι = ω_4); with w_r = ¼·Σ_j v_j·ι^{−jr} the folded
 * value is f'(x⁴) = Σ_r (ζ/x)^r·w_r.
 */
public final class FriFolding {
    /** ι = ω_4, a primitive 4th root of unity. */
    public static final long IOTA = Goldilocks.rootOfUnity(2);
    static final long IOTA_INV = Goldilocks.inv(IOTA);
    static final long QUARTER = Goldilocks.inv(4);
    /** FRI stops folding once the degree bound is at most this; the remainder has this many coefficients at most. */
    public static final int MAX_REMAINDER_DEGREE = 32;

    private FriFolding() {}

    /** Number of folds for a degree bound of 2^logDegree. */
    public static int layerCount(int logDegree) {
        int layers = 0;
        int d = logDegree;
        while ((1L << d) > MAX_REMAINDER_DEGREE) {
            d -= 2;
            layers++;
        }
        return layers;
    }

    /**
     * Folds one leaf of an extension of degree {@code zeta.length}: v holds the d components of v_0..v_3
     * (4·d longs from off); writes f'(x⁴)'s d components to out.
     *
     * @param zeta the folding challenge's components
     * @param xInv 1/x for the leaf's base point x
     */
    public static void fold(long[] v, int off, long[] zeta, long xInv, long[] out, int outOff) {
        if (zeta.length == 2) {
            fold2(v, off, zeta[0], zeta[1], xInv, out, outOff);
        } else {
            fold3(v, off, zeta, xInv, out, outOff);
        }
    }

    private static void fold2(long[] v, int off, long zeta0, long zeta1, long xInv, long[] out, int outOff) {
        long a0 = v[off], a1 = v[off + 1];
        long b0 = v[off + 2], b1 = v[off + 3];
        long c0 = v[off + 4], c1 = v[off + 5];
        long d0 = v[off + 6], d1 = v[off + 7];
        long s02r = Goldilocks.add(a0, c0), s02i = Goldilocks.add(a1, c1);
        long d02r = Goldilocks.sub(a0, c0), d02i = Goldilocks.sub(a1, c1);
        long s13r = Goldilocks.add(b0, d0), s13i = Goldilocks.add(b1, d1);
        long d13r = Goldilocks.mul(Goldilocks.sub(b0, d0), IOTA_INV);
        long d13i = Goldilocks.mul(Goldilocks.sub(b1, d1), IOTA_INV);
        // 4·w_r
        long w0r = Goldilocks.add(s02r, s13r), w0i = Goldilocks.add(s02i, s13i);
        long w1r = Goldilocks.add(d02r, d13r), w1i = Goldilocks.add(d02i, d13i);
        long w2r = Goldilocks.sub(s02r, s13r), w2i = Goldilocks.sub(s02i, s13i);
        long w3r = Goldilocks.sub(d02r, d13r), w3i = Goldilocks.sub(d02i, d13i);
        // t = ζ/x, scaled by ¼ once at the end
        long t0 = Goldilocks.mul(zeta0, xInv), t1 = Goldilocks.mul(zeta1, xInv);
        long h0 = w3r, h1 = w3i;
        long n0 = Goldilocks.add(ExtField.mul2c0(h0, h1, t0, t1), w2r);
        long n1 = Goldilocks.add(ExtField.mul2c1(h0, h1, t0, t1), w2i);
        h0 = Goldilocks.add(ExtField.mul2c0(n0, n1, t0, t1), w1r);
        h1 = Goldilocks.add(ExtField.mul2c1(n0, n1, t0, t1), w1i);
        n0 = Goldilocks.add(ExtField.mul2c0(h0, h1, t0, t1), w0r);
        n1 = Goldilocks.add(ExtField.mul2c1(h0, h1, t0, t1), w0i);
        out[outOff] = Goldilocks.mul(n0, QUARTER);
        out[outOff + 1] = Goldilocks.mul(n1, QUARTER);
    }

    /** The same fold over the cubic field: the w_r are linear (per component), the Horner steps cubic products. */
    private static void fold3(long[] v, int off, long[] zeta, long xInv, long[] out, int outOff) {
        long[] w0 = new long[3], w1 = new long[3], w2 = new long[3], w3 = new long[3];
        for (int k = 0; k < 3; k++) {
            long a = v[off + k], b = v[off + 3 + k], c = v[off + 6 + k], d = v[off + 9 + k];
            long s02 = Goldilocks.add(a, c), d02 = Goldilocks.sub(a, c);
            long s13 = Goldilocks.add(b, d), d13 = Goldilocks.mul(Goldilocks.sub(b, d), IOTA_INV);
            w0[k] = Goldilocks.add(s02, s13);
            w1[k] = Goldilocks.add(d02, d13);
            w2[k] = Goldilocks.sub(s02, s13);
            w3[k] = Goldilocks.sub(d02, d13);
        }
        long t0 = Goldilocks.mul(zeta[0], xInv), t1 = Goldilocks.mul(zeta[1], xInv), t2 = Goldilocks.mul(zeta[2], xInv);
        long h0 = w3[0], h1 = w3[1], h2 = w3[2];
        for (long[] w : new long[][] {w2, w1, w0}) {
            long n0 = Goldilocks.add(ExtField.mul3c0(h0, h1, h2, t0, t1, t2), w[0]);
            long n1 = Goldilocks.add(ExtField.mul3c1(h0, h1, h2, t0, t1, t2), w[1]);
            long n2 = Goldilocks.add(ExtField.mul3c2(h0, h1, h2, t0, t1, t2), w[2]);
            h0 = n0;
            h1 = n1;
            h2 = n2;
        }
        out[outOff] = Goldilocks.mul(h0, QUARTER);
        out[outOff + 1] = Goldilocks.mul(h1, QUARTER);
        out[outOff + 2] = Goldilocks.mul(h2, QUARTER);
    }

    /** Evaluates remainder coefficients (interleaved d-tuples of {@code f}) at a base point x. */
    public static Ext evaluateRemainder(long[] coeffs, long x, ExtField f) {
        int d = f.degree();
        long[] a = new long[d];
        for (int i = coeffs.length / d - 1; i >= 0; i--) {
            for (int k = 0; k < d; k++) {
                a[k] = Goldilocks.add(Goldilocks.mul(a[k], x), coeffs[d * i + k]);
            }
        }
        return f.element(a);
    }
}

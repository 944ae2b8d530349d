package dev.zisk4j.engine.fri;

import dev.zisk4j.engine.field.Ext2;
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
     * Folds one leaf. v holds (c0, c1) of v_0..v_3 (8 longs); returns f'(x⁴) as {c0, c1} written to out.
     *
     * @param xInv 1/x for the leaf's base point x
     */
    public static void fold(long[] v, int off, long zeta0, long zeta1, long xInv, long[] out, int outOff) {
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
        long n0 = Goldilocks.add(Ext2.mulC0(h0, h1, t0, t1), w2r);
        long n1 = Goldilocks.add(Ext2.mulC1(h0, h1, t0, t1), w2i);
        h0 = Goldilocks.add(Ext2.mulC0(n0, n1, t0, t1), w1r);
        h1 = Goldilocks.add(Ext2.mulC1(n0, n1, t0, t1), w1i);
        n0 = Goldilocks.add(Ext2.mulC0(h0, h1, t0, t1), w0r);
        n1 = Goldilocks.add(Ext2.mulC1(h0, h1, t0, t1), w0i);
        out[outOff] = Goldilocks.mul(n0, QUARTER);
        out[outOff + 1] = Goldilocks.mul(n1, QUARTER);
    }

    /** Evaluates remainder coefficients (interleaved c0, c1) at a base point x. */
    public static Ext2 evaluateRemainder(long[] coeffs, long x) {
        long a0 = 0;
        long a1 = 0;
        for (int i = coeffs.length / 2 - 1; i >= 0; i--) {
            a0 = Goldilocks.add(Goldilocks.mul(a0, x), coeffs[2 * i]);
            a1 = Goldilocks.add(Goldilocks.mul(a1, x), coeffs[2 * i + 1]);
        }
        return new Ext2(a0, a1);
    }
}

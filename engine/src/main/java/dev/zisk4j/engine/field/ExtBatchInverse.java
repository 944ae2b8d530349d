package dev.zisk4j.engine.field;

/** Batch inversion in F_p[X]/(X² − 7) over (c0, c1) arrays: 1/a = conj(a)/norm(a), norms inverted in one batch. */
public final class ExtBatchInverse {
    private ExtBatchInverse() {}

    /**
     * Replaces each (c0[i], c1[i]) for i &lt; n by its inverse.
     *
     * @throws ArithmeticException if any element is zero (its index is named)
     */
    public static void invertInPlace(long[] c0, long[] c1, int n) {
        long[] norm = new long[n];
        for (int i = 0; i < n; i++) {
            norm[i] = Goldilocks.sub(Goldilocks.mul(c0[i], c0[i]), Goldilocks.mul(Ext2.W, Goldilocks.mul(c1[i], c1[i])));
        }
        BatchInverse.invert(norm, norm, n);
        for (int i = 0; i < n; i++) {
            c0[i] = Goldilocks.mul(c0[i], norm[i]);
            c1[i] = Goldilocks.mul(Goldilocks.neg(c1[i]), norm[i]);
        }
    }
}

package dev.zisk4j.engine.field;

/** Montgomery's batch inversion: n inverses for 3(n−1) multiplications and one exponentiation. */
public final class BatchInverse {
    private BatchInverse() {}

    /**
     * Writes 1/values[i] into out[i] for i in [0, n). {@code out} may be {@code values} itself.
     *
     * @throws ArithmeticException if any value is zero (its index is named)
     */
    public static void invert(long[] values, long[] out, int n) {
        if (n == 0) {
            return;
        }
        long[] prefix = new long[n];
        long acc = 1;
        for (int i = 0; i < n; i++) {
            if (values[i] == 0) {
                throw new ArithmeticException("batch inverse of zero: index=" + i);
            }
            prefix[i] = acc;
            acc = Goldilocks.mul(acc, values[i]);
        }
        long inv = Goldilocks.inv(acc);
        for (int i = n - 1; i >= 0; i--) {
            long v = values[i];
            out[i] = Goldilocks.mul(inv, prefix[i]);
            inv = Goldilocks.mul(inv, v);
        }
    }

    /** Returns a new array of inverses. */
    public static long[] invert(long[] values) {
        long[] out = new long[values.length];
        invert(values, out, values.length);
        return out;
    }
}

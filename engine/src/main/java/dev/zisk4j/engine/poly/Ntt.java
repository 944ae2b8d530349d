package dev.zisk4j.engine.poly;

import dev.zisk4j.engine.field.Goldilocks;

/**
 * Radix-2 number-theoretic transforms over Goldilocks, in place on {@code long[]}, natural order in and out.
 *
 * <p>Twiddles are stored per butterfly stage: entries [m, 2m) hold ω_{2m}^j for j &lt; m, so one table serves
 * every size up to {@link #maxSize()} with contiguous reads. Immutable after construction, thread-safe.
 */
public final class Ntt {
    private final int logMax;
    private final long[] roots;
    private final long[] invRoots;

    /** Builds twiddle tables for transforms of up to 2^logMax points (logMax ≤ 32). */
    public Ntt(int logMax) {
        if (logMax < 1 || logMax > 30) {
            throw new IllegalArgumentException("unsupported NTT size: logMax=" + logMax);
        }
        this.logMax = logMax;
        int n = 1 << logMax;
        roots = new long[n];
        invRoots = new long[n];
        for (int m = 1, log = 1; m < n; m <<= 1, log++) {
            long w = Goldilocks.rootOfUnity(log);
            long wi = Goldilocks.inv(w);
            long x = 1;
            long xi = 1;
            for (int j = 0; j < m; j++) {
                roots[m + j] = x;
                invRoots[m + j] = xi;
                x = Goldilocks.mul(x, w);
                xi = Goldilocks.mul(xi, wi);
            }
        }
    }

    public int maxSize() {
        return 1 << logMax;
    }

    /** Coefficients → evaluations at ω_n^i, i &lt; n, for n = a.length (a power of two). */
    public void forward(long[] a) {
        transform(a, roots);
    }

    /** Evaluations at ω_n^i → coefficients. */
    public void inverse(long[] a) {
        transform(a, invRoots);
        int n = a.length;
        long nInv = Goldilocks.inv(n);
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.mul(a[i], nInv);
        }
    }

    private void transform(long[] a, long[] tw) {
        int n = a.length;
        checkSize(n);
        if (n == 1) {
            return;
        }
        bitReverse(a);
        for (int k = 0; k < n; k += 2) {
            long u = a[k];
            long v = a[k + 1];
            a[k] = Goldilocks.add(u, v);
            a[k + 1] = Goldilocks.sub(u, v);
        }
        for (int m = 2; m < n; m <<= 1) {
            for (int k = 0; k < n; k += 2 * m) {
                for (int j = 0; j < m; j++) {
                    int lo = k + j;
                    int hi = lo + m;
                    long u = a[lo];
                    long v = Goldilocks.mul(a[hi], tw[m + j]);
                    a[lo] = Goldilocks.add(u, v);
                    a[hi] = Goldilocks.sub(u, v);
                }
            }
        }
    }

    /**
     * Coefficients in natural order → evaluations at ω_n^i stored at index bitReverse(i) (decimation in
     * frequency, no permutation pass). Callers that scatter the output anyway read it through {@link #bitReverseIndex}.
     */
    public void forwardBitReversedOut(long[] a) {
        difTransform(a, roots);
    }

    /** Evaluations at ω_n^i in natural order → coefficients in natural order, without a separate scaling pass fused. */
    public void inverseNatural(long[] a) {
        difTransform(a, invRoots);
        bitReverse(a);
        int n = a.length;
        long nInv = Goldilocks.inv(n);
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.mul(a[i], nInv);
        }
    }

    private void difTransform(long[] a, long[] tw) {
        int n = a.length;
        checkSize(n);
        for (int m = n >>> 1; m >= 2; m >>>= 1) {
            for (int k = 0; k < n; k += 2 * m) {
                // j = 0 has twiddle 1: no multiplication
                long u0 = a[k];
                long v0 = a[k + m];
                a[k] = Goldilocks.add(u0, v0);
                a[k + m] = Goldilocks.sub(u0, v0);
                for (int j = 1; j < m; j++) {
                    int lo = k + j;
                    int hi = lo + m;
                    long u = a[lo];
                    long v = a[hi];
                    a[lo] = Goldilocks.add(u, v);
                    a[hi] = Goldilocks.mul(Goldilocks.sub(u, v), tw[m + j]);
                }
            }
        }
        for (int k = 0; k + 1 < n; k += 2) {
            long u = a[k];
            long v = a[k + 1];
            a[k] = Goldilocks.add(u, v);
            a[k + 1] = Goldilocks.sub(u, v);
        }
    }

    private void checkSize(int n) {
        if (Integer.bitCount(n) != 1 || n > roots.length) {
            throw new IllegalArgumentException("NTT size must be a power of two <= " + roots.length + ": n=" + n);
        }
    }

    /** The bit reversal of i within log2(n) bits. */
    public static int bitReverseIndex(int i, int logN) {
        return logN == 0 ? 0 : Integer.reverse(i) >>> (32 - logN);
    }

    /** Permutes a into bit-reversed index order (an involution). */
    public static void bitReverse(long[] a) {
        int n = a.length;
        if (n <= 2) {
            return;
        }
        int shift = 32 - Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> shift;
            if (i < j) {
                long t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }
}

package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.field.Goldilocks;

/** Benchmark baseline only: a DIF NTT over the design §1.1 field ops with branches on every carry and borrow. */
final class BranchyDif {
    private BranchyDif() {}

    static long[] twiddles(int logMax) {
        int n = 1 << logMax;
        long[] tw = new long[n];
        for (int m = 1, log = 1; m < n; m <<= 1, log++) {
            long w = Goldilocks.rootOfUnity(log);
            long x = 1;
            for (int j = 0; j < m; j++) {
                tw[m + j] = x;
                x = Goldilocks.mul(x, w);
            }
        }
        return tw;
    }

    static void transform(long[] a, long[] tw) {
        int n = a.length;
        for (int m = n >>> 1; m >= 1; m >>>= 1) {
            for (int k = 0; k < n; k += 2 * m) {
                for (int j = 0; j < m; j++) {
                    int lo = k + j;
                    int hi = lo + m;
                    long u = a[lo];
                    long v = a[hi];
                    a[lo] = add(u, v);
                    a[hi] = mul(sub(u, v), tw[m + j]);
                }
            }
        }
    }

    static long add(long a, long b) {
        long s = a + b;
        if (Long.compareUnsigned(s, a) < 0) {
            return s + Goldilocks.EPS;
        }
        return Long.compareUnsigned(s, Goldilocks.P) >= 0 ? s - Goldilocks.P : s;
    }

    static long sub(long a, long b) {
        long d = a - b;
        return Long.compareUnsigned(a, b) < 0 ? d - Goldilocks.EPS : d;
    }

    static long mul(long a, long b) {
        long hi = Math.unsignedMultiplyHigh(a, b);
        long lo = a * b;
        long hh = hi >>> 32;
        long hl = hi & Goldilocks.EPS;
        long t0 = lo - hh;
        if (Long.compareUnsigned(lo, hh) < 0) {
            t0 -= Goldilocks.EPS;
        }
        long t1 = hl * Goldilocks.EPS;
        long t2 = t0 + t1;
        if (Long.compareUnsigned(t2, t1) < 0) {
            t2 += Goldilocks.EPS;
        }
        return Long.compareUnsigned(t2, Goldilocks.P) >= 0 ? t2 - Goldilocks.P : t2;
    }
}

package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import java.util.List;

/**
 * The DEEP composition over the LDE domain (design §4.1 step 5, generalised):
 * DEEP(x) = (Σ_cur δ^e·(V_e(x) − V_e(z)))/(x − z) + (Σ_next δ^e·(V_e(x) − V_e(zω)))/(x − zω).
 * Terms are numbered cur first (pre, main, aux columns, then quotient chunks), then next (pre, main, aux
 * next-row columns). Column-major accumulation over chunks of rows keeps the reads sequential; every
 * extension component is its own array, so the loops run per component with the field's product formulas.
 */
final class DeepComposer {
    private static final int CHUNK = 1024;

    private DeepComposer() {}

    /** One evaluated polynomial: a base column ({@code components.length == 1}) or an ext column (d arrays). */
    record Term(long[]... components) {
        boolean isBase() {
            return components.length == 1;
        }
    }

    /** Returns DEEP's d component arrays over the LDE points xs. */
    static long[][] compose(List<Term> cur, List<Term> next, long[] curAtZ, long[] nextAtZw, long[] xs, Ext z,
            Ext zw, Ext delta, Workers workers) {
        ExtField f = z.field();
        int d = f.degree();
        int n0 = xs.length;
        long[] dPow = StarkProtocol.powers(delta, cur.size() + next.size());
        Ext az = weighted(curAtZ, dPow, 0, f);
        Ext bz = weighted(nextAtZw, dPow, cur.size(), f);
        long[][] out = new long[d][n0];
        int chunk = Math.min(CHUNK, n0);
        boolean hasNext = !next.isEmpty();
        workers.forRanges(n0 / chunk, 4, (fromChunk, toChunk) -> {
            long[][] a = new long[d][chunk];
            long[][] b = new long[d][chunk];
            long[][] ia = new long[d][chunk];
            long[][] ib = new long[d][chunk];
            for (int ck = fromChunk; ck < toChunk; ck++) {
                int start = ck * chunk;
                accumulate(cur, dPow, 0, start, chunk, a, d);
                accumulate(next, dPow, cur.size(), start, chunk, b, d);
                for (int r = 0; r < chunk; r++) {
                    long x = xs[start + r];
                    ia[0][r] = Goldilocks.sub(x, z.c0());
                    ib[0][r] = Goldilocks.sub(x, zw.c0());
                }
                for (int k = 1; k < d; k++) {
                    java.util.Arrays.fill(ia[k], Goldilocks.neg(z.component(k)));
                    java.util.Arrays.fill(ib[k], Goldilocks.neg(zw.component(k)));
                }
                f.invertInPlace(ia, 0, chunk);
                for (int k = 0; k < d; k++) {
                    long zk = az.component(k);
                    long[] ak = a[k];
                    for (int r = 0; r < chunk; r++) {
                        ak[r] = Goldilocks.sub(ak[r], zk);
                    }
                }
                f.mulInPlace(a, 0, ia, 0, chunk);
                if (hasNext) {
                    f.invertInPlace(ib, 0, chunk);
                    for (int k = 0; k < d; k++) {
                        long zk = bz.component(k);
                        long[] bk = b[k];
                        for (int r = 0; r < chunk; r++) {
                            bk[r] = Goldilocks.sub(bk[r], zk);
                        }
                    }
                    f.mulInPlace(b, 0, ib, 0, chunk);
                }
                for (int k = 0; k < d; k++) {
                    long[] ak = a[k];
                    long[] bk = b[k];
                    long[] o = out[k];
                    for (int r = 0; r < chunk; r++) {
                        o[start + r] = hasNext ? Goldilocks.add(ak[r], bk[r]) : ak[r];
                    }
                }
            }
        });
        return out;
    }

    private static void accumulate(List<Term> terms, long[] dPow, int firstPower, int start, int len, long[][] acc,
            int d) {
        for (long[] a : acc) {
            java.util.Arrays.fill(a, 0L);
        }
        long[] a0 = acc[0], a1 = acc[1], a2 = d == 3 ? acc[2] : null;
        for (int e = 0; e < terms.size(); e++) {
            int o = d * (firstPower + e);
            long d0 = dPow[o], d1 = dPow[o + 1], d2 = d == 3 ? dPow[o + 2] : 0;
            Term t = terms.get(e);
            long[] v = t.components()[0];
            if (t.isBase()) {
                for (int r = 0; r < len; r++) {
                    long x = v[start + r];
                    a0[r] = Goldilocks.add(a0[r], Goldilocks.mul(d0, x));
                    a1[r] = Goldilocks.add(a1[r], Goldilocks.mul(d1, x));
                }
                if (d == 3) {
                    for (int r = 0; r < len; r++) {
                        a2[r] = Goldilocks.add(a2[r], Goldilocks.mul(d2, v[start + r]));
                    }
                }
            } else if (d == 2) {
                long[] w = t.components()[1];
                for (int r = 0; r < len; r++) {
                    long x0 = v[start + r];
                    long x1 = w[start + r];
                    a0[r] = Goldilocks.add(a0[r], ExtField.mul2c0(d0, d1, x0, x1));
                    a1[r] = Goldilocks.add(a1[r], ExtField.mul2c1(d0, d1, x0, x1));
                }
            } else {
                long[] w = t.components()[1];
                long[] u = t.components()[2];
                for (int r = 0; r < len; r++) {
                    long x0 = v[start + r];
                    long x1 = w[start + r];
                    long x2 = u[start + r];
                    a0[r] = Goldilocks.add(a0[r], ExtField.mul3c0(d0, d1, d2, x0, x1, x2));
                    a1[r] = Goldilocks.add(a1[r], ExtField.mul3c1(d0, d1, d2, x0, x1, x2));
                    a2[r] = Goldilocks.add(a2[r], ExtField.mul3c2(d0, d1, d2, x0, x1, x2));
                }
            }
        }
    }

    /** Σ_e δ^(firstPower+e)·values_e for interleaved ext values of {@code f}. */
    static Ext weighted(long[] values, long[] dPow, int firstPower, ExtField f) {
        int d = f.degree();
        Ext acc = f.zero();
        for (int e = 0; e < values.length / d; e++) {
            acc = acc.add(f.read(dPow, d * (firstPower + e)).mul(f.read(values, d * e)));
        }
        return acc;
    }
}

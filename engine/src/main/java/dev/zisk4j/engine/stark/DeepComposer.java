package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.field.ExtBatchInverse;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import java.util.List;

/**
 * The DEEP composition over the LDE domain (design §4.1 step 5, generalised):
 * DEEP(x) = (Σ_cur δ^e·(V_e(x) − V_e(z)))/(x − z) + (Σ_next δ^e·(V_e(x) − V_e(zω)))/(x − zω).
 * Terms are numbered cur first (pre, main, aux columns, then quotient chunks), then next (pre, main, aux
 * next-row columns). Column-major accumulation over chunks of rows keeps the reads sequential.
 */
final class DeepComposer {
    private static final int CHUNK = 1024;

    private DeepComposer() {}

    /** One evaluated polynomial: a base column (c1 == null) or an ext column. */
    record Term(long[] c0, long[] c1) {}

    static long[][] compose(List<Term> cur, List<Term> next, long[] curAtZ, long[] nextAtZw, long[] xs, Ext2 z,
            Ext2 zw, Ext2 delta, Workers workers) {
        int n0 = xs.length;
        long[] dCur = StarkProtocol.powers(delta, cur.size() + next.size());
        Ext2 az = weighted(curAtZ, dCur, 0);
        Ext2 bz = weighted(nextAtZw, dCur, cur.size());
        long[] out0 = new long[n0];
        long[] out1 = new long[n0];
        int chunk = Math.min(CHUNK, n0);
        workers.forRanges(n0 / chunk, 4, (fromChunk, toChunk) -> {
            long[] a0 = new long[chunk], a1 = new long[chunk], b0 = new long[chunk], b1 = new long[chunk];
            long[] ia0 = new long[chunk], ia1 = new long[chunk], ib0 = new long[chunk], ib1 = new long[chunk];
            for (int ck = fromChunk; ck < toChunk; ck++) {
                int start = ck * chunk;
                accumulate(cur, dCur, 0, start, chunk, a0, a1);
                accumulate(next, dCur, cur.size(), start, chunk, b0, b1);
                for (int r = 0; r < chunk; r++) {
                    long x = xs[start + r];
                    ia0[r] = Goldilocks.sub(x, z.c0());
                    ia1[r] = Goldilocks.neg(z.c1());
                    ib0[r] = Goldilocks.sub(x, zw.c0());
                    ib1[r] = Goldilocks.neg(zw.c1());
                }
                ExtBatchInverse.invertInPlace(ia0, ia1, chunk);
                boolean hasNext = !next.isEmpty();
                if (hasNext) {
                    ExtBatchInverse.invertInPlace(ib0, ib1, chunk);
                }
                for (int r = 0; r < chunk; r++) {
                    long n0r = Goldilocks.sub(a0[r], az.c0());
                    long n1r = Goldilocks.sub(a1[r], az.c1());
                    long v0 = Ext2.mulC0(n0r, n1r, ia0[r], ia1[r]);
                    long v1 = Ext2.mulC1(n0r, n1r, ia0[r], ia1[r]);
                    if (hasNext) {
                        long m0 = Goldilocks.sub(b0[r], bz.c0());
                        long m1 = Goldilocks.sub(b1[r], bz.c1());
                        v0 = Goldilocks.add(v0, Ext2.mulC0(m0, m1, ib0[r], ib1[r]));
                        v1 = Goldilocks.add(v1, Ext2.mulC1(m0, m1, ib0[r], ib1[r]));
                    }
                    out0[start + r] = v0;
                    out1[start + r] = v1;
                }
            }
        });
        return new long[][] {out0, out1};
    }

    private static void accumulate(List<Term> terms, long[] d, int firstPower, int start, int len, long[] a0,
            long[] a1) {
        java.util.Arrays.fill(a0, 0L);
        java.util.Arrays.fill(a1, 0L);
        for (int e = 0; e < terms.size(); e++) {
            long d0 = d[2 * (firstPower + e)];
            long d1 = d[2 * (firstPower + e) + 1];
            Term t = terms.get(e);
            long[] v = t.c0();
            if (t.c1() == null) {
                for (int r = 0; r < len; r++) {
                    long x = v[start + r];
                    a0[r] = Goldilocks.add(a0[r], Goldilocks.mul(d0, x));
                    a1[r] = Goldilocks.add(a1[r], Goldilocks.mul(d1, x));
                }
            } else {
                long[] w = t.c1();
                for (int r = 0; r < len; r++) {
                    long x0 = v[start + r];
                    long x1 = w[start + r];
                    a0[r] = Goldilocks.add(a0[r], Ext2.mulC0(d0, d1, x0, x1));
                    a1[r] = Goldilocks.add(a1[r], Ext2.mulC1(d0, d1, x0, x1));
                }
            }
        }
    }

    /** Σ_e δ^(firstPower+e)·values_e for interleaved ext values. */
    static Ext2 weighted(long[] values, long[] d, int firstPower) {
        Ext2 acc = Ext2.ZERO;
        for (int e = 0; e < values.length / 2; e++) {
            Ext2 de = new Ext2(d[2 * (firstPower + e)], d[2 * (firstPower + e) + 1]);
            acc = acc.add(de.mul(new Ext2(values[2 * e], values[2 * e + 1])));
        }
        return acc;
    }
}

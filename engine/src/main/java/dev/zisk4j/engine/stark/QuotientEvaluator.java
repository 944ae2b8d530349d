package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.BlockEvaluator;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.Constraint;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.Domain;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.BatchInverse;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import java.util.List;

/**
 * Evaluates Q(x) = Σ_c λ^c·C_c(x)/Z_c(x) on every LDE point (design §4.1 step 4). Constraints are summed
 * per domain first, so each point needs one division per domain: x^N − 1 takes only {@code blowup} values on
 * the coset, and the boundary denominators are batch-inverted per block.
 */
final class QuotientEvaluator {
    static final int BLOCK = 256;

    private QuotientEvaluator() {}

    /** log2 of the smallest blowup whose coset holds a degree-maxDegree numerator: ⌈log2(maxDegree)⌉. */
    static int logQuotientBlowup(int maxDegree) {
        return 32 - Integer.numberOfLeadingZeros(maxDegree - 1);
    }

    /**
     * Returns Q's d component arrays {Q.c0[], Q.c1[][, Q.c2[]]} on the quotient coset g·⟨ω_{N·2^logQ}⟩ (xs), which is every
     * (blowup/2^logQ)-th point of the LDE domain: the numerators have degree &lt; N·2^logQ, so this smaller
     * coset determines Q and costs a fraction of evaluating on all of D.
     */
    static long[][] evaluate(ConstraintSystem cs, ProofShape shape, long[][] pre, long[][] main, long[][] aux,
            Challenges ch, PublicValues pub, Ext lambda, long[] xs, Workers workers) {
        int d = lambda.field().degree();
        int logN = shape.logN();
        int blowup = shape.options().blowup();
        int n0 = xs.length;
        int ldeSize = shape.rows() << shape.options().logBlowup();
        int step = ldeSize / n0;
        int qBlowup = n0 >> logN;
        List<Constraint> constraints = cs.constraints();
        int nc = constraints.size();
        long[] lam = StarkProtocol.powers(lambda, nc);
        int[] domain = new int[nc];
        boolean anyFirst = false;
        boolean anyLast = false;
        for (int c = 0; c < nc; c++) {
            domain[c] = constraints.get(c).domain().ordinal();
            anyFirst |= constraints.get(c).domain() == Domain.FIRST;
            anyLast |= constraints.get(c).domain() == Domain.LAST;
        }
        long omegaLast = Goldilocks.inv(Goldilocks.rootOfUnity(logN));
        // 1/(x^N − 1) on the coset: x^N = g^N·ω_blowup^i, so it repeats with period blowup
        long[] invXn = new long[qBlowup];
        long gN = Goldilocks.pow(dev.zisk4j.engine.poly.Lde.SHIFT, 1L << logN);
        long wB = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(qBlowup));
        for (int j = 0; j < qBlowup; j++) {
            invXn[j] = Goldilocks.sub(Goldilocks.mul(gN, Goldilocks.pow(wB, j)), 1);
        }
        BatchInverse.invert(invXn, invXn, qBlowup);
        long[][] q = new long[d][n0];
        boolean first = anyFirst;
        boolean last = anyLast;
        int block = Math.min(BLOCK, n0);
        workers.forRanges(n0 / block, 4, (fromBlock, toBlock) -> {
            BlockEvaluator ev = new BlockEvaluator(cs, ch, pub, block);
            long[][] acc = new long[3 * d][block];
            long[] den = new long[2 * block];
            long[] fT = new long[block];
            for (int b = fromBlock; b < toBlock; b++) {
                int start = b * block;
                ev.evaluate(pre, main, aux, ldeSize, start * step, block, blowup, step);
                for (long[] a : acc) {
                    java.util.Arrays.fill(a, 0L);
                }
                for (int c = 0; c < nc; c++) {
                    int at = d * domain[c];
                    if (d == 2) {
                        accumulate2(lam, c, acc[at], acc[at + 1], ev, block);
                    } else {
                        accumulate3(lam, c, acc[at], acc[at + 1], acc[at + 2], ev, block);
                    }
                }
                if (first || last) {
                    for (int r = 0; r < block; r++) {
                        long x = xs[start + r];
                        den[r] = Goldilocks.sub(x, 1);
                        den[block + r] = Goldilocks.sub(x, omegaLast);
                    }
                    BatchInverse.invert(den, den, 2 * block);
                }
                for (int r = 0; r < block; r++) {
                    int i = start + r;
                    fT[r] = Goldilocks.mul(Goldilocks.sub(xs[i], omegaLast), invXn[i & (qBlowup - 1)]);
                }
                for (int k = 0; k < d; k++) {
                    long[] t = acc[k];
                    long[] f = acc[d + k];
                    long[] l = acc[2 * d + k];
                    long[] out = q[k];
                    for (int r = 0; r < block; r++) {
                        long s = Goldilocks.mul(t[r], fT[r]);
                        if (first) {
                            s = Goldilocks.add(s, Goldilocks.mul(f[r], den[r]));
                        }
                        if (last) {
                            s = Goldilocks.add(s, Goldilocks.mul(l[r], den[block + r]));
                        }
                        out[start + r] = s;
                    }
                }
            }
        });
        return q;
    }

    /** a += λ^c·C_c over the quadratic field. */
    private static void accumulate2(long[] lam, int c, long[] a0, long[] a1, BlockEvaluator ev, int block) {
        long l0 = lam[2 * c];
        long l1 = lam[2 * c + 1];
        long[] v0 = ev.valuesC0(c);
        if (ev.isExt(c)) {
            long[] v1 = ev.valuesC1(c);
            for (int r = 0; r < block; r++) {
                a0[r] = Goldilocks.add(a0[r], ExtField.mul2c0(l0, l1, v0[r], v1[r]));
                a1[r] = Goldilocks.add(a1[r], ExtField.mul2c1(l0, l1, v0[r], v1[r]));
            }
        } else {
            for (int r = 0; r < block; r++) {
                a0[r] = Goldilocks.add(a0[r], Goldilocks.mul(l0, v0[r]));
                a1[r] = Goldilocks.add(a1[r], Goldilocks.mul(l1, v0[r]));
            }
        }
    }

    /** a += λ^c·C_c over the cubic field. */
    private static void accumulate3(long[] lam, int c, long[] a0, long[] a1, long[] a2, BlockEvaluator ev,
            int block) {
        long l0 = lam[3 * c];
        long l1 = lam[3 * c + 1];
        long l2 = lam[3 * c + 2];
        long[] v0 = ev.valuesC0(c);
        if (ev.isExt(c)) {
            long[] v1 = ev.valuesC1(c);
            long[] v2 = ev.valuesC2(c);
            for (int r = 0; r < block; r++) {
                a0[r] = Goldilocks.add(a0[r], ExtField.mul3c0(l0, l1, l2, v0[r], v1[r], v2[r]));
                a1[r] = Goldilocks.add(a1[r], ExtField.mul3c1(l0, l1, l2, v0[r], v1[r], v2[r]));
                a2[r] = Goldilocks.add(a2[r], ExtField.mul3c2(l0, l1, l2, v0[r], v1[r], v2[r]));
            }
        } else {
            for (int r = 0; r < block; r++) {
                a0[r] = Goldilocks.add(a0[r], Goldilocks.mul(l0, v0[r]));
                a1[r] = Goldilocks.add(a1[r], Goldilocks.mul(l1, v0[r]));
                a2[r] = Goldilocks.add(a2[r], Goldilocks.mul(l2, v0[r]));
            }
        }
    }
}

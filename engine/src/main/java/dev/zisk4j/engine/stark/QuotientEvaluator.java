package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.BlockEvaluator;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.Constraint;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.Domain;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.BatchInverse;
import dev.zisk4j.engine.field.Ext2;
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
     * Returns {Q.c0[], Q.c1[]} on the quotient coset g·⟨ω_{N·2^logQ}⟩ (xs), which is every
     * (blowup/2^logQ)-th point of the LDE domain: the numerators have degree &lt; N·2^logQ, so this smaller
     * coset determines Q and costs a fraction of evaluating on all of D.
     */
    static long[][] evaluate(ConstraintSystem cs, ProofShape shape, long[][] pre, long[][] main, long[][] aux,
            Challenges ch, PublicValues pub, Ext2 lambda, long[] xs, Workers workers) {
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
        long[] q0 = new long[n0];
        long[] q1 = new long[n0];
        boolean first = anyFirst;
        boolean last = anyLast;
        int block = Math.min(BLOCK, n0);
        workers.forRanges(n0 / block, 4, (fromBlock, toBlock) -> {
            BlockEvaluator ev = new BlockEvaluator(cs, ch, pub, block);
            long[][] acc = new long[6][block];
            long[] den = new long[2 * block];
            for (int b = fromBlock; b < toBlock; b++) {
                int start = b * block;
                ev.evaluate(pre, main, aux, ldeSize, start * step, block, blowup, step);
                for (long[] a : acc) {
                    java.util.Arrays.fill(a, 0L);
                }
                for (int c = 0; c < nc; c++) {
                    long l0 = lam[2 * c];
                    long l1 = lam[2 * c + 1];
                    long[] a0 = acc[2 * domain[c]];
                    long[] a1 = acc[2 * domain[c] + 1];
                    long[] v0 = ev.valuesC0(c);
                    if (ev.isExt(c)) {
                        long[] v1 = ev.valuesC1(c);
                        for (int r = 0; r < block; r++) {
                            a0[r] = Goldilocks.add(a0[r], Ext2.mulC0(l0, l1, v0[r], v1[r]));
                            a1[r] = Goldilocks.add(a1[r], Ext2.mulC1(l0, l1, v0[r], v1[r]));
                        }
                    } else {
                        for (int r = 0; r < block; r++) {
                            a0[r] = Goldilocks.add(a0[r], Goldilocks.mul(l0, v0[r]));
                            a1[r] = Goldilocks.add(a1[r], Goldilocks.mul(l1, v0[r]));
                        }
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
                    long x = xs[i];
                    long fT = Goldilocks.mul(Goldilocks.sub(x, omegaLast), invXn[i & (qBlowup - 1)]);
                    long s0 = Goldilocks.mul(acc[0][r], fT);
                    long s1 = Goldilocks.mul(acc[1][r], fT);
                    if (first) {
                        s0 = Goldilocks.add(s0, Goldilocks.mul(acc[2][r], den[r]));
                        s1 = Goldilocks.add(s1, Goldilocks.mul(acc[3][r], den[r]));
                    }
                    if (last) {
                        s0 = Goldilocks.add(s0, Goldilocks.mul(acc[4][r], den[block + r]));
                        s1 = Goldilocks.add(s1, Goldilocks.mul(acc[5][r], den[block + r]));
                    }
                    q0[i] = s0;
                    q1[i] = s1;
                }
            }
        });
        return new long[][] {q0, q1};
    }
}

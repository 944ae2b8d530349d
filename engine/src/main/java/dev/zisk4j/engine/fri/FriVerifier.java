package dev.zisk4j.engine.fri;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Sha256;
import dev.zisk4j.engine.poly.Lde;
import java.util.Arrays;
import java.util.List;

/**
 * The FRI query phase: checks, for each query, that layer 0 holds the claimed value, that every fold is
 * consistent with the next layer's opened leaf, that every opened leaf is under its layer root, and that the
 * last folded value equals the remainder polynomial. Never throws on well-shaped input (the proof parser
 * guarantees the shape).
 */
public final class FriVerifier {
    /** The first check that failed. */
    public enum Outcome { OK, BAD_MERKLE_PATH, LAYER0_MISMATCH, FOLD_MISMATCH, REMAINDER_MISMATCH }

    private FriVerifier() {}

    /**
     * @param queries    sorted distinct layer-0 indices in [0, n0)
     * @param values     claimed layer-0 values at those indices, d components per query
     * @param zetas      folding challenges, one per committed layer
     * @param field      the extension the values live in
     */
    public static Outcome verify(int logN0, int[] queries, long[][] values, byte[][] roots, Ext[] zetas,
            List<FriLayerOpening> layers, long[] remainder, ExtField field) {
        int d = field.degree();
        int n = 1 << logN0;
        long shift = Lde.SHIFT;
        int[] idx = queries.clone();
        long[][] cur = new long[idx.length][];
        for (int q = 0; q < idx.length; q++) {
            cur[q] = values[q].clone();
        }
        Sha256 sha = new Sha256();
        for (int l = 0; l < roots.length; l++) {
            int quarter = n / 4;
            int[] leafIdx = FriQueries.nextLayer(idx, quarter);
            FriLayerOpening op = layers.get(l);
            if (op.leaves().length != leafIdx.length) {
                return Outcome.BAD_MERKLE_PATH;
            }
            byte[][] hashes = new byte[leafIdx.length][Sha256.DIGEST_BYTES];
            for (int i = 0; i < leafIdx.length; i++) {
                sha.leaf(op.leaves()[i], 4 * d, hashes[i], 0);
            }
            if (!op.proof().verify(roots[l], Integer.numberOfTrailingZeros(quarter), leafIdx, hashes)) {
                return Outcome.BAD_MERKLE_PATH;
            }
            long wInv = Goldilocks.inv(Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n)));
            long shiftInv = Goldilocks.inv(shift);
            long[][] next = new long[idx.length][];
            for (int q = 0; q < idx.length; q++) {
                int leaf = idx[q] % quarter;
                int slot = idx[q] / quarter;
                long[] opened = op.leaves()[Arrays.binarySearch(leafIdx, leaf)];
                if (!Arrays.equals(opened, d * slot, d * slot + d, cur[q], 0, d)) {
                    return l == 0 ? Outcome.LAYER0_MISMATCH : Outcome.FOLD_MISMATCH;
                }
                long xInv = Goldilocks.mul(shiftInv, Goldilocks.pow(wInv, leaf));
                long[] out = new long[d];
                FriFolding.fold(opened, 0, field.flatten(zetas[l]), xInv, out, 0);
                next[q] = out;
                idx[q] = leaf;
            }
            cur = next;
            n = quarter;
            shift = Goldilocks.pow(shift, 4);
        }
        long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
        for (int q = 0; q < idx.length; q++) {
            long x = Goldilocks.mul(shift, Goldilocks.pow(w, idx[q]));
            Ext expect = FriFolding.evaluateRemainder(remainder, x, field);
            if (!Arrays.equals(field.flatten(expect), cur[q])) {
                return roots.length == 0 ? Outcome.LAYER0_MISMATCH : Outcome.REMAINDER_MISMATCH;
            }
        }
        return Outcome.OK;
    }
}

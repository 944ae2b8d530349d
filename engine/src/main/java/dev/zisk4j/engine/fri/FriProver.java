package dev.zisk4j.engine.fri;

import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.merkle.MerkleTree;
import dev.zisk4j.engine.merkle.RowSource;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.poly.Lde;
import dev.zisk4j.engine.poly.Ntt;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.ArrayList;
import java.util.List;

/**
 * The FRI commit phase (arity 4): commits layer ℓ (leaf k = the 4 values at k + j·n_ℓ/4), absorbs its
 * root, squeezes ζ_ℓ, folds; after {@link FriFolding#layerCount} folds it interpolates the last layer and
 * sends its d_L coefficients as the remainder. Layer ℓ lives on the coset g^(4^ℓ)·⟨ω_{n_ℓ}⟩.
 */
public final class FriProver {
    private final List<long[][]> layers = new ArrayList<>();
    private final List<MerkleTree> trees = new ArrayList<>();
    private final byte[][] roots;
    private final long[] remainder;

    /**
     * Runs the commit phase on evaluations (c0, c1) of a polynomial of degree &lt; 2^logDegree over
     * g·⟨ω_n⟩, absorbing roots and the remainder into {@code t}.
     *
     * @throws IllegalStateException if the evaluations are not of degree &lt; 2^logDegree (a prover bug)
     */
    public FriProver(Ntt ntt, Workers workers, long[] f0, long[] f1, int logDegree, Transcript t) {
        this(ntt, workers, f0, f1, logDegree, t, true);
    }

    /** With {@code checkDegree} false the remainder is silently truncated: only for soundness tests. */
    FriProver(Ntt ntt, Workers workers, long[] f0, long[] f1, int logDegree, Transcript t, boolean checkDegree) {
        int numLayers = FriFolding.layerCount(logDegree);
        roots = new byte[numLayers][];
        long shift = Lde.SHIFT;
        long[] c0 = f0;
        long[] c1 = f1;
        for (int l = 0; l < numLayers; l++) {
            long[][] layer = {c0, c1};
            int n = c0.length;
            int quarter = n / 4;
            MerkleTree tree = MerkleTree.build(leafSource(layer), quarter, workers);
            layers.add(layer);
            trees.add(tree);
            roots[l] = tree.root();
            t.absorb(TranscriptTag.FRI_ROOT, roots[l]);
            Ext2 zeta = t.squeezeExt();
            long[] n0 = new long[quarter];
            long[] n1 = new long[quarter];
            long shiftInv = Goldilocks.inv(shift);
            long wInv = Goldilocks.inv(Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n)));
            long[] lc0 = c0;
            long[] lc1 = c1;
            workers.forRanges(quarter, 2048, (from, to) -> {
                long[] leaf = new long[8];
                long[] out = new long[2];
                long xInv = Goldilocks.mul(shiftInv, Goldilocks.pow(wInv, from));
                for (int k = from; k < to; k++) {
                    for (int j = 0; j < 4; j++) {
                        leaf[2 * j] = lc0[k + j * quarter];
                        leaf[2 * j + 1] = lc1[k + j * quarter];
                    }
                    FriFolding.fold(leaf, 0, zeta.c0(), zeta.c1(), xInv, out, 0);
                    n0[k] = out[0];
                    n1[k] = out[1];
                    xInv = Goldilocks.mul(xInv, wInv);
                }
            });
            c0 = n0;
            c1 = n1;
            shift = Goldilocks.pow(shift, 4);
        }
        int degree = 1 << (logDegree - 2 * numLayers);
        long[] r0 = c0.clone();
        long[] r1 = c1.clone();
        Lde.interpolateCoset(ntt, r0, shift);
        Lde.interpolateCoset(ntt, r1, shift);
        for (int i = degree; i < r0.length; i++) {
            if (checkDegree && (r0[i] != 0 || r1[i] != 0)) {
                throw new IllegalStateException("FRI input exceeds its degree bound: degree=" + degree
                        + ", nonzeroCoefficient=" + i);
            }
        }
        remainder = new long[2 * degree];
        for (int i = 0; i < degree; i++) {
            remainder[2 * i] = r0[i];
            remainder[2 * i + 1] = r1[i];
        }
        t.absorbLongs(TranscriptTag.FRI_REMAINDER, remainder);
    }

    private static RowSource leafSource(long[][] layer) {
        int quarter = layer[0].length / 4;
        return new RowSource() {
            @Override
            public int width() {
                return 8;
            }

            @Override
            public void row(int k, long[] out) {
                for (int j = 0; j < 4; j++) {
                    out[2 * j] = layer[0][k + j * quarter];
                    out[2 * j + 1] = layer[1][k + j * quarter];
                }
            }
        };
    }

    public byte[][] roots() {
        return roots.clone();
    }

    /** Remainder coefficients, interleaved (c0, c1), lowest degree first. */
    public long[] remainder() {
        return remainder.clone();
    }

    /** Opens every layer at the leaves the given (sorted, distinct) layer-0 query indices visit. */
    public List<FriLayerOpening> open(int[] queries) {
        List<FriLayerOpening> out = new ArrayList<>();
        int[] idx = queries.clone();
        for (int l = 0; l < layers.size(); l++) {
            long[][] layer = layers.get(l);
            int quarter = layer[0].length / 4;
            int[] leafIdx = FriQueries.nextLayer(idx, quarter);
            RowSource src = leafSource(layer);
            long[][] leaves = new long[leafIdx.length][8];
            for (int i = 0; i < leafIdx.length; i++) {
                src.row(leafIdx[i], leaves[i]);
            }
            out.add(new FriLayerOpening(leaves, trees.get(l).open(leafIdx)));
            idx = leafIdx;
        }
        return out;
    }
}

package dev.zisk4j.engine.fri;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
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
     * Runs the commit phase on evaluations (d component arrays, d = 2 or 3) of a polynomial of degree &lt;
     * 2^logDegree over g·⟨ω_n⟩, absorbing roots and the remainder into {@code t}.
     *
     * @throws IllegalStateException if the evaluations are not of degree &lt; 2^logDegree (a prover bug)
     */
    public FriProver(Ntt ntt, Workers workers, long[][] f, int logDegree, Transcript t) {
        this(ntt, workers, f, logDegree, t, true);
    }

    /** With {@code checkDegree} false the remainder is silently truncated: only for soundness tests. */
    FriProver(Ntt ntt, Workers workers, long[][] f, int logDegree, Transcript t, boolean checkDegree) {
        int d = f.length;
        ExtField field = ExtField.ofDegree(d);
        int numLayers = FriFolding.layerCount(logDegree);
        roots = new byte[numLayers][];
        long shift = Lde.SHIFT;
        long[][] cur = f;
        for (int l = 0; l < numLayers; l++) {
            long[][] layer = cur;
            int n = layer[0].length;
            int quarter = n / 4;
            MerkleTree tree = MerkleTree.build(leafSource(layer), quarter, workers);
            layers.add(layer);
            trees.add(tree);
            roots[l] = tree.root();
            t.absorb(TranscriptTag.FRI_ROOT, roots[l]);
            Ext zeta = t.squeezeExt(field);
            long[] z = field.flatten(zeta);
            long[][] folded = new long[d][quarter];
            long shiftInv = Goldilocks.inv(shift);
            long wInv = Goldilocks.inv(Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n)));
            workers.forRanges(quarter, 2048, (from, to) -> {
                long[] leaf = new long[4 * d];
                long[] out = new long[d];
                long xInv = Goldilocks.mul(shiftInv, Goldilocks.pow(wInv, from));
                for (int k = from; k < to; k++) {
                    for (int j = 0; j < 4; j++) {
                        for (int c = 0; c < d; c++) {
                            leaf[d * j + c] = layer[c][k + j * quarter];
                        }
                    }
                    FriFolding.fold(leaf, 0, z, xInv, out, 0);
                    for (int c = 0; c < d; c++) {
                        folded[c][k] = out[c];
                    }
                    xInv = Goldilocks.mul(xInv, wInv);
                }
            });
            cur = folded;
            shift = Goldilocks.pow(shift, 4);
        }
        int degree = 1 << (logDegree - 2 * numLayers);
        remainder = new long[d * degree];
        for (int c = 0; c < d; c++) {
            long[] r = cur[c].clone();
            Lde.interpolateCoset(ntt, r, shift);
            for (int i = degree; i < r.length; i++) {
                if (checkDegree && r[i] != 0) {
                    throw new IllegalStateException("FRI input exceeds its degree bound: degree=" + degree
                            + ", nonzeroCoefficient=" + i);
                }
            }
            for (int i = 0; i < degree; i++) {
                remainder[d * i + c] = r[i];
            }
        }
        t.absorbLongs(TranscriptTag.FRI_REMAINDER, remainder);
    }

    private static RowSource leafSource(long[][] layer) {
        int d = layer.length;
        int quarter = layer[0].length / 4;
        return new RowSource() {
            @Override
            public int width() {
                return 4 * d;
            }

            @Override
            public void row(int k, long[] out) {
                for (int j = 0; j < 4; j++) {
                    for (int c = 0; c < d; c++) {
                        out[d * j + c] = layer[c][k + j * quarter];
                    }
                }
            }
        };
    }

    public byte[][] roots() {
        return roots.clone();
    }

    /** Remainder coefficients, interleaved d-tuples, lowest degree first. */
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
            long[][] leaves = new long[leafIdx.length][src.width()];
            for (int i = 0; i < leafIdx.length; i++) {
                src.row(leafIdx[i], leaves[i]);
            }
            out.add(new FriLayerOpening(leaves, trees.get(l).open(leafIdx)));
            idx = leafIdx;
        }
        return out;
    }
}

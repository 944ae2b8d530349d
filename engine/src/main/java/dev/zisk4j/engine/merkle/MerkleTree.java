package dev.zisk4j.engine.merkle;

import dev.zisk4j.engine.hash.Sha256;
import dev.zisk4j.engine.parallel.Workers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary SHA-256 Merkle tree over 2^depth leaves, stored as a heap: node k at bytes [32k, 32k+32), root
 * at k = 1, leaf i at k = 2^depth + i. Leaf hashing and the wide levels run in parallel. Immutable once
 * built, so openings may be taken from several threads.
 */
public final class MerkleTree {
    private static final int D = Sha256.DIGEST_BYTES;
    /** Leaves gathered per block: each column is read as one sequential run of this many values. */
    private static final int GATHER = 64;
    /**
     * Largest tree: 2^24 leaves. The heap array holds 2·leaves digests, and 2^25 × 32 bytes is past what a
     * Java array can index (2^31 − 1), so 2^24 is the last power of two that fits (1 GiB of nodes).
     */
    public static final int MAX_LOG_LEAVES = 24;
    private final int depth;
    private final byte[] nodes;

    private MerkleTree(int depth, byte[] nodes) {
        this.depth = depth;
        this.nodes = nodes;
    }

    /**
     * Commits to {@code leaves} rows (a power of two in [1, 2^{@value #MAX_LOG_LEAVES}]).
     *
     * @throws IllegalArgumentException if leaves is not a power of two or exceeds the cap (checked before any
     *     allocation)
     */
    public static MerkleTree build(RowSource src, int leaves, Workers workers) {
        if (leaves < 1 || Integer.bitCount(leaves) != 1) {
            throw new IllegalArgumentException("leaf count must be a power of two: leaves=" + leaves);
        }
        if (leaves > 1 << MAX_LOG_LEAVES) {
            throw new IllegalArgumentException("too many leaves: leaves=" + leaves + ", max=" + (1 << MAX_LOG_LEAVES));
        }
        int depth = Integer.numberOfTrailingZeros(leaves);
        byte[] nodes = new byte[2 * leaves * D];
        int width = src.width();
        workers.forRanges(leaves, 1024, (from, to) -> {
            Sha256 h = new Sha256();
            long[] block = new long[GATHER * width];
            for (int start = from; start < to; start += GATHER) {
                int count = Math.min(GATHER, to - start);
                src.rows(start, count, block);
                for (int r = 0; r < count; r++) {
                    h.leaf(block, r * width, width, nodes, (leaves + start + r) * D);
                }
            }
        });
        for (int level = leaves / 2; level >= 1; level /= 2) {
            int base = level;
            workers.forRanges(level, 4096, (from, to) -> {
                Sha256 h = new Sha256();
                for (int k = base + from; k < base + to; k++) {
                    h.node(nodes, 2 * k * D, (2 * k + 1) * D, nodes, k * D);
                }
            });
        }
        return new MerkleTree(depth, nodes);
    }

    public int depth() {
        return depth;
    }

    public int leafCount() {
        return 1 << depth;
    }

    public byte[] root() {
        return Arrays.copyOfRange(nodes, D, 2 * D);
    }

    /** The hash of leaf i. */
    public byte[] leafHash(int i) {
        int k = (1 << depth) + i;
        return Arrays.copyOfRange(nodes, k * D, (k + 1) * D);
    }

    /**
     * The sibling digests that, with the given leaves, rebuild the root (see {@link MultiProof}).
     *
     * @param sortedIndices strictly increasing leaf indices
     * @throws IllegalArgumentException if the indices are not strictly increasing or out of range
     */
    public MultiProof open(int[] sortedIndices) {
        MultiProof.checkIndices(sortedIndices, leafCount());
        List<byte[]> out = new ArrayList<>();
        for (int k : MultiProof.siblingNodes(sortedIndices, depth)) {
            out.add(Arrays.copyOfRange(nodes, k * D, (k + 1) * D));
        }
        return new MultiProof(out);
    }
}

package dev.zisk4j.engine.merkle;

import dev.zisk4j.engine.hash.Sha256;
import java.util.Arrays;
import java.util.List;

/**
 * A batched Merkle opening: the sibling digests needed to rebuild the root from a set of leaves, with every
 * digest that the opened leaves already determine left out.
 *
 * <p>Order (shared by prover and verifier): level by level from the leaves up; within a level, over the known
 * positions in increasing order, one digest for each position whose sibling is not itself known.
 */
public record MultiProof(List<byte[]> siblings) {
    private static final int D = Sha256.DIGEST_BYTES;

    public MultiProof {
        siblings = List.copyOf(siblings);
        for (byte[] s : siblings) {
            if (s.length != D) {
                throw new IllegalArgumentException("digest length must be 32: length=" + s.length);
            }
        }
    }

    /** Number of sibling digests a multi-proof for these indices must hold in a tree of 2^depth leaves. */
    public static int expectedSize(int[] sortedIndices, int depth) {
        return siblingNodes(sortedIndices, depth).length;
    }

    /**
     * Heap indices (root = 1, leaf i = 2^depth + i) of the siblings a multi-proof holds, in proof order: level
     * by level from the leaves, over the known positions in increasing order, each position whose sibling is
     * not itself known.
     */
    static int[] siblingNodes(int[] sortedIndices, int depth) {
        int[] level = sortedIndices.clone();
        int len = level.length;
        int[] out = new int[len * Math.max(1, depth)];
        int count = 0;
        for (int d = depth; d > 0; d--) {
            int p = 0;
            int w = 0;
            while (p < len) {
                int i = level[p];
                if (p + 1 < len && level[p + 1] == (i ^ 1)) {
                    p += 2;
                } else {
                    out[count++] = (1 << d) + (i ^ 1);
                    p += 1;
                }
                level[w++] = i >>> 1;
            }
            len = w;
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * True if these leaf hashes at these indices, with this proof, rebuild {@code root} in a tree of 2^depth
     * leaves, using every sibling exactly once. Never throws on hostile input: a malformed proof is false.
     */
    public boolean verify(byte[] root, int depth, int[] sortedIndices, byte[][] leafHashes) {
        if (depth < 0 || depth > 30 || sortedIndices.length == 0 || sortedIndices.length != leafHashes.length
                || root.length != D) {
            return false;
        }
        try {
            checkIndices(sortedIndices, 1 << depth);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Sha256 h = new Sha256();
        int len = sortedIndices.length;
        int[] level = sortedIndices.clone();
        byte[][] hashes = new byte[len][];
        for (int i = 0; i < len; i++) {
            if (leafHashes[i].length != D) {
                return false;
            }
            hashes[i] = leafHashes[i];
        }
        int next = 0;
        byte[] pair = new byte[2 * D];
        for (int d = depth; d > 0; d--) {
            int p = 0;
            int w = 0;
            while (p < len) {
                int i = level[p];
                byte[] left;
                byte[] right;
                if (p + 1 < len && level[p + 1] == (i ^ 1)) {
                    left = hashes[p];
                    right = hashes[p + 1];
                    p += 2;
                } else {
                    if (next == siblings.size()) {
                        return false;
                    }
                    byte[] sib = siblings.get(next++);
                    left = (i & 1) == 0 ? hashes[p] : sib;
                    right = (i & 1) == 0 ? sib : hashes[p];
                    p += 1;
                }
                System.arraycopy(left, 0, pair, 0, D);
                System.arraycopy(right, 0, pair, D, D);
                byte[] parent = new byte[D];
                h.node(pair, 0, D, parent, 0);
                hashes[w] = parent;
                level[w++] = i >>> 1;
            }
            len = w;
        }
        return next == siblings.size() && len == 1 && Arrays.equals(hashes[0], root);
    }

    static void checkIndices(int[] idx, int leaves) {
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= leaves || (i > 0 && idx[i] <= idx[i - 1])) {
                throw new IllegalArgumentException("leaf indices must be strictly increasing in [0, " + leaves
                        + "): position=" + i + ", index=" + idx[i]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiProof m) || m.siblings.size() != siblings.size()) {
            return false;
        }
        for (int i = 0; i < siblings.size(); i++) {
            if (!Arrays.equals(siblings.get(i), m.siblings.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (byte[] s : siblings) {
            h = 31 * h + Arrays.hashCode(s);
        }
        return h;
    }
}

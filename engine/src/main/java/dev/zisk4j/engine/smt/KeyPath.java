package dev.zisk4j.engine.smt;

/**
 * How a 4-element key becomes a path through the binary tree: level l takes bit ⌊l/4⌋ of key element l mod 4
 * (the zkEVM's {@code splitKey}), so the key's 256 bits interleave across its elements. A leaf at depth d
 * stores only the key bits its path has not consumed ({@code removeKeyBits}); the full key is rebuilt from the
 * path bits and that remainder ({@code joinKey}).
 */
public final class KeyPath {
    /** Path length of a full key: 4 × 64 bits. */
    public static final int MAX_DEPTH = 256;

    private KeyPath() {}

    /** The branch direction (0 = left, 1 = right) of key at level l. */
    public static int bit(Hash4 key, int level) {
        return (int) ((key.get(level & 3) >>> (level >>> 2)) & 1);
    }

    /** How many bits of element i a path of depth d consumes. */
    static int consumed(int depth, int i) {
        return (depth >>> 2) + ((depth & 3) > i ? 1 : 0);
    }

    /** The key without the bits a path of depth d consumed: element i shifted right by its consumed count. */
    public static Hash4 remaining(Hash4 key, int depth) {
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            int n = consumed(depth, i);
            r[i] = n >= 64 ? 0 : key.get(i) >>> n;
        }
        return Hash4.of(r, 0);
    }

    /**
     * The full key of a leaf at depth d whose path follows {@code path}'s bits and which stores {@code rest}:
     * element i is (rest_i shifted left by its consumed count) with the low consumed bits taken from path_i.
     */
    public static Hash4 join(Hash4 path, int depth, Hash4 rest) {
        return join(path, depth, rest, false);
    }

    /**
     * The full key of the leaf on the other side of path's last step: like {@link #join}, with the bit at level
     * depth − 1 flipped (the sibling of path's node at depth). depth ≥ 1.
     */
    public static Hash4 joinSibling(Hash4 path, int depth, Hash4 rest) {
        return join(path, depth, rest, true);
    }

    private static Hash4 join(Hash4 path, int depth, Hash4 rest, boolean flipLast) {
        long[] k = new long[4];
        for (int i = 0; i < 4; i++) {
            int n = consumed(depth, i);
            long low = n >= 64 ? path.get(i) : path.get(i) & ((1L << n) - 1);
            long high = n >= 64 ? 0 : rest.get(i) << n;
            k[i] = high | low;
        }
        if (flipLast) {
            int level = depth - 1;
            k[level & 3] ^= 1L << (level >>> 2);
        }
        return Hash4.of(k, 0);
    }
}

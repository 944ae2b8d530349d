package dev.zisk4j.engine.smt;

import dev.zisk4j.engine.hash.Poseidon;
import java.math.BigInteger;

/**
 * How the zkEVM's sparse Merkle tree hashes its nodes, all with {@code poseidon(inputs[8], capacity[4])}:
 * <ul>
 *   <li>value: H(the 8 limbs of the value, capacity 0) — its pre-image is the 8 limbs;</li>
 *   <li>leaf: H(remaining key ‖ value hash, capacity (1, 0, 0, 0)) — pre-image of 12 elements, element 8 is 1;</li>
 *   <li>branch: H(left ‖ right, capacity 0) — pre-image of 12 elements, element 8 is 0.</li>
 * </ul>
 * The capacity separates leaves from branches, which is why a pre-image's element 8 tells them apart. Each method
 * writes the pre-image to the given {@link NodeStore}, as the zkEVM's {@code hashSave} does.
 *
 * <p>Not thread-safe (one {@link Poseidon} instance); use one per thread.
 */
public final class SmtHashing {
    /** Pre-image length of a leaf or branch (8 inputs + 4 capacity). */
    public static final int NODE_ELEMENTS = 12;
    /** Index of the pre-image element that is 1 for a leaf and 0 for a branch. */
    public static final int LEAF_FLAG = 8;

    private static final long[] BRANCH_CAPACITY = {0, 0, 0, 0};
    private static final long[] LEAF_CAPACITY = {1, 0, 0, 0};
    private final Poseidon poseidon = new Poseidon();
    private final long[] in = new long[8];
    private final long[] out = new long[4];

    /** The hash of a value's 8 limbs (capacity 0), stored with its 8-limb pre-image. */
    public Hash4 value(BigInteger value, NodeStore store) {
        long[] limbs = SmtValues.toLimbs(value);
        Hash4 h = hash(limbs, BRANCH_CAPACITY);
        store.put(h, limbs);
        return h;
    }

    /** A leaf holding the remaining key and the value hash, stored with its 12-element pre-image. */
    public Hash4 leaf(Hash4 remainingKey, Hash4 valueHash, NodeStore store) {
        return node(remainingKey, valueHash, LEAF_CAPACITY, store);
    }

    /** A branch over two children (either may be {@link Hash4#ZERO}), stored with its 12-element pre-image. */
    public Hash4 branch(Hash4 left, Hash4 right, NodeStore store) {
        return node(left, right, BRANCH_CAPACITY, store);
    }

    /** The raw hash poseidon(inputs, capacity), without storing anything. */
    public Hash4 hash(long[] inputs, long[] capacity) {
        poseidon.hash(inputs, capacity, out);
        return Hash4.of(out, 0);
    }

    private Hash4 node(Hash4 a, Hash4 b, long[] capacity, NodeStore store) {
        a.copyTo(in, 0);
        b.copyTo(in, 4);
        Hash4 h = hash(in, capacity);
        long[] pre = new long[NODE_ELEMENTS];
        System.arraycopy(in, 0, pre, 0, 8);
        System.arraycopy(capacity, 0, pre, 8, 4);
        store.put(h, pre);
        return h;
    }

    /** True for a 12-element leaf pre-image (element 8 is 1), false for a branch. */
    static boolean isLeaf(long[] preimage) {
        return preimage[LEAF_FLAG] == 1;
    }
}

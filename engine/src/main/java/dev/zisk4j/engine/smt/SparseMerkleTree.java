package dev.zisk4j.engine.smt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The zkEVM's binary sparse Merkle tree over Goldilocks with Poseidon (zkevm-commonjs {@code smt.js}), on a
 * {@link NodeStore} of node pre-images. Roots are {@link Hash4}s; the empty tree's root is {@link Hash4#ZERO}.
 *
 * <p>Shape: a subtree that holds one key is that key's leaf itself, placed as high as it can go, and storing the
 * key bits its path did not consume; a branch has two children, at most one of them empty. Because setting a
 * value to zero deletes the key and collapses the branches above a lone leaf, the root depends only on the set of
 * (key, non-zero value) pairs, not on the order of the updates. Node hashing is {@link SmtHashing}; the path of a
 * key is {@link KeyPath}.
 *
 * <p>Trees are persistent: {@link #set} writes new nodes and never changes old ones, so every earlier root stays
 * readable. Not thread-safe.
 */
public final class SparseMerkleTree {
    private final NodeStore store;
    private final SmtHashing hashing = new SmtHashing();

    public SparseMerkleTree(NodeStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public NodeStore store() {
        return store;
    }

    /**
     * The value stored under key in the tree rooted at root; zero if there is none.
     *
     * @throws MissingNodeException if a node on the path is not in the store
     */
    public BigInteger get(Hash4 root, Hash4 key) {
        Hash4 node = root;
        for (int depth = 0; !node.isZero(); depth++) {
            long[] pre = load(node);
            if (SmtHashing.isLeaf(pre)) {
                SmtLeaf leaf = leafOf(pre);
                return KeyPath.join(key, depth, leaf.remainingKey()).equals(key) ? valueOf(leaf.valueHash()) : BigInteger.ZERO;
            }
            node = Hash4.of(pre, 4 * KeyPath.bit(key, depth));
        }
        return BigInteger.ZERO;
    }

    /**
     * The root after setting key to value (zero deletes it). Writes the new nodes to the store.
     *
     * @throws IllegalArgumentException if value is outside [0, 2^256)
     * @throws MissingNodeException if a node on the path is not in the store
     */
    public Hash4 set(Hash4 root, Hash4 key, BigInteger value) {
        SmtValues.checkRange(value);
        return set(root, key, value, 0);
    }

    /**
     * The path of key in the tree rooted at root: the siblings from the root down, then what the path ends at
     * (the key's own leaf, another key's leaf, or an empty child).
     *
     * @throws MissingNodeException if a node on the path is not in the store
     */
    public SmtProof prove(Hash4 root, Hash4 key) {
        List<Hash4> siblings = new ArrayList<>();
        Hash4 node = root;
        int depth = 0;
        SmtLeaf terminal = null;
        while (!node.isZero()) {
            long[] pre = load(node);
            if (SmtHashing.isLeaf(pre)) {
                terminal = leafOf(pre);
                break;
            }
            int bit = KeyPath.bit(key, depth);
            siblings.add(Hash4.of(pre, 4 * (1 - bit)));
            node = Hash4.of(pre, 4 * bit);
            depth++;
        }
        SmtLeaf siblingLeaf = null;
        if (!siblings.isEmpty()) {
            Hash4 deepest = siblings.get(siblings.size() - 1);
            if (!deepest.isZero()) {
                long[] pre = load(deepest);
                siblingLeaf = SmtHashing.isLeaf(pre) ? leafOf(pre) : null;
            }
        }
        BigInteger value = BigInteger.ZERO;
        if (terminal != null && KeyPath.join(key, depth, terminal.remainingKey()).equals(key)) {
            value = valueOf(terminal.valueHash());
        }
        return new SmtProof(key, value, siblings, terminal, siblingLeaf);
    }

    private Hash4 set(Hash4 node, Hash4 key, BigInteger value, int depth) {
        boolean delete = value.signum() == 0;
        if (node.isZero()) {
            return delete ? Hash4.ZERO : newLeaf(key, depth, value);
        }
        long[] pre = load(node);
        if (SmtHashing.isLeaf(pre)) {
            SmtLeaf leaf = leafOf(pre);
            Hash4 leafKey = KeyPath.join(key, depth, leaf.remainingKey());
            if (leafKey.equals(key)) {
                return delete ? Hash4.ZERO : hashing.leaf(leaf.remainingKey(), hashing.value(value, store), store);
            }
            return delete ? node : split(leafKey, leaf.valueHash(), key, hashing.value(value, store), depth);
        }
        int bit = KeyPath.bit(key, depth);
        Hash4 child = Hash4.of(pre, 4 * bit);
        Hash4 other = Hash4.of(pre, 4 * (1 - bit));
        Hash4 newChild = set(child, key, value, depth + 1);
        if (newChild.equals(child)) {
            return node;
        }
        // a branch left with one child that is a leaf is replaced by that leaf, one level up
        if (other.isZero()) {
            if (newChild.isZero()) {
                return Hash4.ZERO;
            }
            long[] childPre = load(newChild);
            if (SmtHashing.isLeaf(childPre)) {
                SmtLeaf leaf = leafOf(childPre);
                return raise(leaf, KeyPath.join(key, depth + 1, leaf.remainingKey()), depth);
            }
        } else if (newChild.isZero()) {
            long[] otherPre = load(other);
            if (SmtHashing.isLeaf(otherPre)) {
                SmtLeaf leaf = leafOf(otherPre);
                return raise(leaf, KeyPath.joinSibling(key, depth + 1, leaf.remainingKey()), depth);
            }
        }
        return bit == 0 ? hashing.branch(newChild, other, store) : hashing.branch(other, newChild, store);
    }

    /** The leaf with this full key and value hash, placed at depth (it stores the key bits below depth). */
    private Hash4 raise(SmtLeaf leaf, Hash4 fullKey, int depth) {
        return hashing.leaf(KeyPath.remaining(fullKey, depth), leaf.valueHash(), store);
    }

    /** Two leaves that share a path down to depth: branches down to the first differing bit, then both leaves. */
    private Hash4 split(Hash4 keyA, Hash4 valueHashA, Hash4 keyB, Hash4 valueHashB, int depth) {
        int d = depth;
        while (KeyPath.bit(keyA, d) == KeyPath.bit(keyB, d)) {
            d++;
        }
        Hash4 leafA = hashing.leaf(KeyPath.remaining(keyA, d + 1), valueHashA, store);
        Hash4 leafB = hashing.leaf(KeyPath.remaining(keyB, d + 1), valueHashB, store);
        Hash4 node = KeyPath.bit(keyB, d) == 0 ? hashing.branch(leafB, leafA, store) : hashing.branch(leafA, leafB, store);
        for (int l = d - 1; l >= depth; l--) {
            node = KeyPath.bit(keyB, l) == 0 ? hashing.branch(node, Hash4.ZERO, store) : hashing.branch(Hash4.ZERO, node, store);
        }
        return node;
    }

    private Hash4 newLeaf(Hash4 key, int depth, BigInteger value) {
        return hashing.leaf(KeyPath.remaining(key, depth), hashing.value(value, store), store);
    }

    private long[] load(Hash4 node) {
        long[] pre = store.get(node);
        if (pre == null) {
            throw new MissingNodeException(node);
        }
        if (pre.length != SmtHashing.NODE_ELEMENTS) {
            throw new IllegalStateException("node " + node + " has a " + pre.length + "-element pre-image where a leaf or "
                    + "branch (12 elements) was expected");
        }
        return pre;
    }

    private BigInteger valueOf(Hash4 valueHash) {
        long[] limbs = store.get(valueHash);
        if (limbs == null) {
            throw new MissingNodeException(valueHash);
        }
        return SmtValues.fromLimbs(limbs);
    }

    private static SmtLeaf leafOf(long[] pre) {
        return new SmtLeaf(Hash4.of(pre, 0), Hash4.of(pre, 4));
    }
}

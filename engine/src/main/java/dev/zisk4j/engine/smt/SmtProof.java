package dev.zisk4j.engine.smt;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The path of one key through the tree, enough to check its value against a root and to compute the root after
 * changing it, without the rest of the tree (the stateless update a guest performs).
 *
 * @param key          the key proven
 * @param value        its value (zero: the key is absent)
 * @param siblings     the sibling of each node on the path, from the root's children down; the path has
 *                     {@code siblings.size()} branches
 * @param terminal     the leaf the path ends at (the key's own, or another key's when the key is absent), or
 *                     null when it ends at an empty child (or the tree is empty)
 * @param siblingLeaf  the pre-image of the deepest sibling when that sibling is a leaf, else null; deleting the key
 *                     moves that leaf up, so the new root depends on it
 */
public record SmtProof(Hash4 key, BigInteger value, List<Hash4> siblings, SmtLeaf terminal, SmtLeaf siblingLeaf) {
    public SmtProof {
        Objects.requireNonNull(key, "key");
        SmtValues.checkRange(value);
        siblings = List.copyOf(siblings);
        if (siblings.size() > KeyPath.MAX_DEPTH) {
            throw new IllegalArgumentException("a path has at most 256 siblings: siblings=" + siblings.size());
        }
    }

    /** Number of branches on the path; the terminal sits at this depth. */
    public int depth() {
        return siblings.size();
    }

    /**
     * True when the path leads to root and proves {@link #value()} for {@link #key()}: the key's own leaf with that
     * value's hash, or (value zero) an empty child or a leaf of another key. A sibling leaf, if given, must hash to
     * the deepest sibling.
     */
    public boolean verifies(Hash4 root) {
        SmtHashing h = new SmtHashing();
        if (siblingLeaf != null && (siblings.isEmpty()
                || !h.leaf(siblingLeaf.remainingKey(), siblingLeaf.valueHash(), NodeStore.DISCARD)
                        .equals(siblings.get(depth() - 1)))) {
            return false;
        }
        boolean own = terminal != null && KeyPath.join(key, depth(), terminal.remainingKey()).equals(key);
        if (value.signum() != 0) {
            if (!own || !terminal.valueHash().equals(h.value(value, NodeStore.DISCARD))) {
                return false;
            }
        } else if (own) {
            return false;
        }
        Hash4 node = terminal == null ? Hash4.ZERO : h.leaf(terminal.remainingKey(), terminal.valueHash(), NodeStore.DISCARD);
        return fold(h, node, depth()).equals(root);
    }

    /**
     * The root after setting the key to newValue (zero deletes it), writing the new nodes to store. Only
     * meaningful for a proof that {@link #verifies} against the old root; the result is what
     * {@link SparseMerkleTree#set} computes on the whole tree.
     */
    public Hash4 rootAfter(BigInteger newValue, NodeStore store) {
        SmtValues.checkRange(newValue);
        SmtHashing h = new SmtHashing();
        int d = depth();
        boolean own = terminal != null && KeyPath.join(key, d, terminal.remainingKey()).equals(key);
        if (newValue.signum() == 0) {
            if (!own) {
                return fold(h, terminal == null ? Hash4.ZERO : h.leaf(terminal.remainingKey(), terminal.valueHash(), store), d);
            }
            return deleted(h, store);
        }
        Hash4 valueHash = h.value(newValue, store);
        if (own || terminal == null) {
            return fold(h, h.leaf(KeyPath.remaining(key, d), valueHash, store), d, store);
        }
        // another key's leaf: branch down to where the two keys part
        Hash4 other = KeyPath.join(key, d, terminal.remainingKey());
        int at = d;
        while (KeyPath.bit(other, at) == KeyPath.bit(key, at)) {
            at++;
        }
        Hash4 mine = h.leaf(KeyPath.remaining(key, at + 1), valueHash, store);
        Hash4 theirs = h.leaf(KeyPath.remaining(other, at + 1), terminal.valueHash(), store);
        Hash4 node = KeyPath.bit(key, at) == 0 ? h.branch(mine, theirs, store) : h.branch(theirs, mine, store);
        for (int l = at - 1; l >= d; l--) {
            node = KeyPath.bit(key, l) == 0 ? h.branch(node, Hash4.ZERO, store) : h.branch(Hash4.ZERO, node, store);
        }
        return fold(h, node, d, store);
    }

    /** Root after removing the key's own leaf: a lone sibling leaf rises past every level where it would be alone. */
    private Hash4 deleted(SmtHashing h, NodeStore store) {
        int d = depth();
        if (d == 0) {
            return Hash4.ZERO;
        }
        if (siblingLeaf == null) {
            // the deepest sibling is a branch: the node above the deleted leaf keeps it as its only child
            return fold(h, Hash4.ZERO, d, store);
        }
        Hash4 fullKey = KeyPath.joinSibling(key, d, siblingLeaf.remainingKey());
        int level = d - 1;
        while (level > 0 && siblings.get(level - 1).isZero()) {
            level--;
        }
        Hash4 raised = h.leaf(KeyPath.remaining(fullKey, level), siblingLeaf.valueHash(), store);
        return fold(h, raised, level, store);
    }

    private Hash4 fold(SmtHashing h, Hash4 node, int fromDepth) {
        return fold(h, node, fromDepth, NodeStore.DISCARD);
    }

    /** Hashes node (at depth fromDepth) up to the root with siblings[0..fromDepth). */
    private Hash4 fold(SmtHashing h, Hash4 node, int fromDepth, NodeStore store) {
        Hash4 cur = node;
        for (int l = fromDepth - 1; l >= 0; l--) {
            Hash4 sib = siblings.get(l);
            cur = KeyPath.bit(key, l) == 0 ? h.branch(cur, sib, store) : h.branch(sib, cur, store);
        }
        return cur;
    }
}

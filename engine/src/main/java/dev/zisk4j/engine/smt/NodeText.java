package dev.zisk4j.engine.smt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zkEVM's text form of node pre-images, as the prover's {@code db} input and the executor's
 * {@code diff_keys_values} carry them: a map from the node hash (64 hex digits, e3 first, no prefix; an optional
 * "0x" is accepted) to its pre-image, the elements concatenated as 16 hex digits each (12 elements for a leaf or
 * branch, 8 for a value). The only place that knows this format.
 *
 * <pre>
 *   "4a9bfcb1...f9265d" : "0000000000000000" "0000000000000000" ... (12 × 16 hex digits)
 *    └ node hash: e3 e2 e1 e0    └ pre-image element 0, 1, ..., 11
 * </pre>
 *
 * Decoding is strict: every hash must be the Poseidon hash of its pre-image, so a decoded store can be trusted.
 */
public final class NodeText {
    /** Hex digits per field element. */
    public static final int DIGITS = 16;

    private NodeText() {}

    /** The text form of every pre-image in nodes, in iteration order. */
    public static Map<String, String> encode(Map<Hash4, long[]> nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<Hash4, long[]> e : nodes.entrySet()) {
            out.put(e.getKey().toHex(), encodePreimage(e.getValue()));
        }
        return out;
    }

    /**
     * The text form of the nodes reachable from root (the zkEVM's {@code getCurrentDB}): every branch and leaf
     * and every value under a leaf. Empty for the empty tree.
     *
     * @throws MissingNodeException if a reachable node is not in store
     */
    public static Map<String, String> encodeReachable(Hash4 root, NodeStore store) {
        Map<String, String> out = new LinkedHashMap<>();
        Deque<Hash4> todo = new ArrayDeque<>();
        if (!root.isZero()) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Hash4 h = todo.pop();
            long[] pre = store.get(h);
            if (pre == null) {
                throw new MissingNodeException(h);
            }
            out.put(h.toHex(), encodePreimage(pre));
            if (pre.length != SmtHashing.NODE_ELEMENTS) {
                continue;
            }
            if (SmtHashing.isLeaf(pre)) {
                Hash4 value = Hash4.of(pre, 4);
                long[] limbs = store.get(value);
                if (limbs == null) {
                    throw new MissingNodeException(value);
                }
                out.put(value.toHex(), encodePreimage(limbs));
            } else {
                for (int c = 4; c >= 0; c -= 4) {
                    Hash4 child = Hash4.of(pre, c);
                    if (!child.isZero()) {
                        todo.push(child);
                    }
                }
            }
        }
        return out;
    }

    /** A pre-image as concatenated 16-hex-digit elements. */
    public static String encodePreimage(long[] preimage) {
        StringBuilder sb = new StringBuilder(preimage.length * DIGITS);
        for (long e : preimage) {
            sb.append(String.format("%016x", e));
        }
        return sb.toString();
    }

    /**
     * Decodes and checks a text map into a new store.
     *
     * @throws MalformedNodeTextException naming the entry: a bad key or value, a value of other than 8 or 12
     *         elements, a non-canonical element, a capacity the tree does not use, or a hash that is not the
     *         Poseidon hash of its pre-image
     */
    public static MemoryNodeStore decode(Map<String, String> text) throws MalformedNodeTextException {
        MemoryNodeStore store = new MemoryNodeStore();
        SmtHashing hashing = new SmtHashing();
        for (Map.Entry<String, String> e : text.entrySet()) {
            put(store, hashing, e.getKey(), decodePreimage(e.getKey(), e.getValue()));
        }
        return store;
    }

    /** Decodes the JSON-array variant (a list of 16-hex-digit strings per node), as the zkEVM's input files hold it. */
    public static MemoryNodeStore decodeArrays(Map<String, List<String>> text) throws MalformedNodeTextException {
        Map<String, String> joined = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : text.entrySet()) {
            for (String element : e.getValue()) {
                if (element.length() != DIGITS) {
                    throw new MalformedNodeTextException("node " + Hash4.abbreviate(e.getKey())
                            + ": an element has 16 hex digits: element=" + Hash4.abbreviate(element));
                }
            }
            joined.put(e.getKey(), String.join("", e.getValue()));
        }
        return decode(joined);
    }

    private static long[] decodePreimage(String key, String value) throws MalformedNodeTextException {
        if (value.length() % DIGITS != 0) {
            throw new MalformedNodeTextException("node " + Hash4.abbreviate(key)
                    + ": value length is not a multiple of 16: length=" + value.length());
        }
        int n = value.length() / DIGITS;
        if (n != SmtHashing.NODE_ELEMENTS && n != SmtValues.LIMBS) {
            throw new MalformedNodeTextException("node " + Hash4.abbreviate(key)
                    + ": a pre-image has 8 or 12 elements: elements=" + n);
        }
        long[] pre = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                pre[i] = Hash4.parseElement(value, DIGITS * i, value);
            }
        } catch (IllegalArgumentException ex) {
            throw new MalformedNodeTextException("node " + Hash4.abbreviate(key) + ": " + ex.getMessage());
        }
        return pre;
    }

    private static void put(MemoryNodeStore store, SmtHashing hashing, String key, long[] pre)
            throws MalformedNodeTextException {
        Hash4 hash;
        try {
            hash = Hash4.parseHex(key);
        } catch (IllegalArgumentException ex) {
            throw new MalformedNodeTextException("bad node key: " + ex.getMessage());
        }
        long[] inputs = new long[8];
        long[] capacity = new long[4];
        System.arraycopy(pre, 0, inputs, 0, 8);
        if (pre.length == SmtHashing.NODE_ELEMENTS) {
            System.arraycopy(pre, 8, capacity, 0, 4);
            if (capacity[0] > 1 || capacity[1] != 0 || capacity[2] != 0 || capacity[3] != 0) {
                throw new MalformedNodeTextException("node " + hash
                        + ": capacity is neither (0,0,0,0) (branch) nor (1,0,0,0) (leaf)");
            }
        }
        Hash4 actual = hashing.hash(inputs, capacity);
        if (!actual.equals(hash)) {
            throw new MalformedNodeTextException("node " + hash + ": the pre-image hashes to " + actual);
        }
        store.put(hash, pre);
    }
}

package dev.zisk4j.engine.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.field.Goldilocks;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The incremental tree against an independent model: the root of a canonical compressed binary trie built from
 * the final key-value map alone (one key: its leaf; more: a branch over the two halves split by the key bit of that
 * level). Keys come from pools that force shared prefixes of every length, so splits and collapses happen at
 * every depth.
 */
class SmtPropertyTest {
    /** A pool of keys: some random, some near each other (one differing bit), some tiny (long shared prefixes). */
    static List<Hash4> keyPool(Random rnd, int size) {
        List<Hash4> pool = new ArrayList<>();
        while (pool.size() < size) {
            switch (rnd.nextInt(3)) {
                case 0 -> pool.add(new Hash4(felt(rnd), felt(rnd), felt(rnd), felt(rnd)));
                case 1 -> {
                    if (pool.isEmpty()) {
                        continue;
                    }
                    Hash4 base = pool.get(rnd.nextInt(pool.size()));
                    long[] e = {base.e0(), base.e1(), base.e2(), base.e3()};
                    int level = rnd.nextInt(KeyPath.MAX_DEPTH);
                    e[level & 3] ^= 1L << (level >>> 2);
                    if (Goldilocks.isCanonical(e[level & 3])) {
                        pool.add(Hash4.of(e, 0));
                    }
                }
                default -> pool.add(new Hash4(rnd.nextInt(4), rnd.nextInt(4), rnd.nextInt(4), rnd.nextInt(4)));
            }
        }
        return new ArrayList<>(new LinkedHashMap<Hash4, Boolean>() {{
            pool.forEach(k -> put(k, true));
        }}.keySet());
    }

    static long felt(Random rnd) {
        return Goldilocks.reduce64(rnd.nextLong());
    }

    static BigInteger value(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(rnd.nextInt(1000) + 1);
            default -> new BigInteger(256, rnd);
        };
    }

    @Property(tries = 60)
    void incrementalRootEqualsModel(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int ops) {
        Random rnd = new Random(seed);
        List<Hash4> pool = keyPool(rnd, 1 + rnd.nextInt(24));
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
        Map<Hash4, BigInteger> model = new LinkedHashMap<>();
        Hash4 root = Hash4.ZERO;
        for (int i = 0; i < ops; i++) {
            Hash4 key = pool.get(rnd.nextInt(pool.size()));
            BigInteger v = value(rnd);
            root = tree.set(root, key, v);
            if (v.signum() == 0) {
                model.remove(key);
            } else {
                model.put(key, v);
            }
            assertThat(root).isEqualTo(modelRoot(model));
        }
        for (Hash4 key : pool) {
            assertThat(tree.get(root, key)).isEqualTo(model.getOrDefault(key, BigInteger.ZERO));
        }
    }

    /** The root depends on the set only: any insertion order gives the same root, and deleting all gives ZERO. */
    @Property(tries = 40)
    void orderIndependentAndDeletesToEmpty(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Hash4> pool = keyPool(rnd, 2 + rnd.nextInt(20));
        Map<Hash4, BigInteger> entries = new LinkedHashMap<>();
        for (Hash4 k : pool) {
            entries.put(k, BigInteger.valueOf(1 + rnd.nextInt(1_000_000)));
        }
        Hash4 first = build(entries, new ArrayList<>(pool));
        List<Hash4> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, rnd);
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
        Hash4 root = Hash4.ZERO;
        for (Hash4 k : shuffled) {
            root = tree.set(root, k, entries.get(k));
        }
        assertThat(root).isEqualTo(first);
        Collections.shuffle(shuffled, rnd);
        for (Hash4 k : shuffled) {
            root = tree.set(root, k, BigInteger.ZERO);
        }
        assertThat(root).isEqualTo(Hash4.ZERO);
    }

    /** Every key's proof verifies with its value, fails with another, and predicts the root after any update. */
    @Property(tries = 40)
    void proofsVerifyAndPredictUpdates(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Hash4> pool = keyPool(rnd, 1 + rnd.nextInt(20));
        MemoryNodeStore store = new MemoryNodeStore();
        SparseMerkleTree tree = new SparseMerkleTree(store);
        Hash4 root = Hash4.ZERO;
        for (Hash4 k : pool) {
            if (rnd.nextInt(3) != 0) {
                root = tree.set(root, k, BigInteger.valueOf(1 + rnd.nextInt(100)));
            }
        }
        for (Hash4 k : pool) {
            SmtProof proof = tree.prove(root, k);
            assertThat(proof.value()).isEqualTo(tree.get(root, k));
            assertThat(proof.verifies(root)).isTrue();
            SmtProof lie = new SmtProof(k, proof.value().add(BigInteger.ONE), proof.siblings(), proof.terminal(),
                    proof.siblingLeaf());
            assertThat(lie.verifies(root)).isFalse();
            for (BigInteger nv : List.of(BigInteger.ZERO, BigInteger.valueOf(7), new BigInteger(256, rnd))) {
                MemoryNodeStore scratch = new MemoryNodeStore();
                assertThat(proof.rootAfter(nv, scratch)).as("key %s -> %s", k, nv).isEqualTo(tree.set(root, k, nv));
            }
            if (!proof.siblings().isEmpty()) {
                List<Hash4> bent = new ArrayList<>(proof.siblings());
                int i = rnd.nextInt(bent.size());
                Hash4 s = bent.get(i);
                bent.set(i, new Hash4(Goldilocks.add(s.e0(), 1), s.e1(), s.e2(), s.e3()));
                assertThat(new SmtProof(k, proof.value(), bent, proof.terminal(), null).verifies(root)).isFalse();
            }
        }
    }

    /** The text form of a tree decodes to a store from which the same values are read. */
    @Property(tries = 30)
    void textFormRoundTrips(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        List<Hash4> pool = keyPool(rnd, 1 + rnd.nextInt(16));
        MemoryNodeStore store = new MemoryNodeStore();
        SparseMerkleTree tree = new SparseMerkleTree(store);
        Hash4 root = Hash4.ZERO;
        for (Hash4 k : pool) {
            root = tree.set(root, k, value(rnd));
        }
        Map<String, String> text = NodeText.encodeReachable(root, store);
        SparseMerkleTree copy = new SparseMerkleTree(NodeText.decode(text));
        for (Hash4 k : pool) {
            assertThat(copy.get(root, k)).isEqualTo(tree.get(root, k));
        }
        assertThat(NodeText.decode(NodeText.encode(store.entries())).size()).isEqualTo(store.size());
    }

    @Test
    void oldRootsStayReadable() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
        Hash4 k = new Hash4(5, 6, 7, 8);
        Hash4 r1 = tree.set(Hash4.ZERO, k, BigInteger.ONE);
        Hash4 r2 = tree.set(r1, k, BigInteger.TWO);
        assertThat(tree.get(r1, k)).isEqualTo(BigInteger.ONE);
        assertThat(tree.get(r2, k)).isEqualTo(BigInteger.TWO);
        assertThat(tree.set(r2, new Hash4(1, 1, 1, 1), BigInteger.ZERO)).as("deleting an absent key").isEqualTo(r2);
    }

    @Test
    void missingNodeIsNamed() {
        Hash4 bogus = new Hash4(1, 2, 3, 4);
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
        assertThatThrownBy(() -> tree.get(bogus, Hash4.ZERO))
                .isInstanceOf(MissingNodeException.class)
                .hasMessageContaining(bogus.toString());
        assertThatThrownBy(() -> tree.set(Hash4.ZERO, Hash4.ZERO, BigInteger.ONE.shiftLeft(256)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 2^256)");
    }

    @Test
    void keyPathJoinsWhatItRemoves() {
        Random rnd = new Random(3);
        for (int t = 0; t < 200; t++) {
            Hash4 k = new Hash4(felt(rnd), felt(rnd), felt(rnd), felt(rnd));
            int depth = rnd.nextInt(KeyPath.MAX_DEPTH + 1);
            assertThat(KeyPath.join(k, depth, KeyPath.remaining(k, depth))).isEqualTo(k);
        }
        Hash4 k = new Hash4(0b10, 0b01, 0, 0);
        assertThat(KeyPath.bit(k, 0)).isZero();
        assertThat(KeyPath.bit(k, 1)).isOne();
        assertThat(KeyPath.bit(k, 4)).isOne();
        assertThat(KeyPath.remaining(k, 256)).isEqualTo(Hash4.ZERO);
    }

    private static Hash4 build(Map<Hash4, BigInteger> entries, List<Hash4> order) {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
        Hash4 root = Hash4.ZERO;
        for (Hash4 k : order) {
            root = tree.set(root, k, entries.get(k));
        }
        return root;
    }

    /** The canonical compressed trie of a map, computed from scratch. */
    static Hash4 modelRoot(Map<Hash4, BigInteger> model) {
        return subtree(new ArrayList<>(model.entrySet()), 0, new SmtHashing());
    }

    private static Hash4 subtree(List<Map.Entry<Hash4, BigInteger>> entries, int depth, SmtHashing h) {
        if (entries.isEmpty()) {
            return Hash4.ZERO;
        }
        if (entries.size() == 1) {
            Map.Entry<Hash4, BigInteger> e = entries.get(0);
            return h.leaf(KeyPath.remaining(e.getKey(), depth), h.value(e.getValue(), NodeStore.DISCARD), NodeStore.DISCARD);
        }
        List<Map.Entry<Hash4, BigInteger>> left = new ArrayList<>();
        List<Map.Entry<Hash4, BigInteger>> right = new ArrayList<>();
        for (Map.Entry<Hash4, BigInteger> e : entries) {
            (KeyPath.bit(e.getKey(), depth) == 0 ? left : right).add(e);
        }
        return h.branch(subtree(left, depth + 1, h), subtree(right, depth + 1, h), NodeStore.DISCARD);
    }

    @SuppressWarnings("unused")
    private static TreeMap<String, String> sorted(Map<String, String> m) {
        return new TreeMap<>(m);
    }
}

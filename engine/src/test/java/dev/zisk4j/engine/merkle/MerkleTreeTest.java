package dev.zisk4j.engine.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.parallel.Workers;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    /** Shared by JUnit tests and the jqwik property (which runs outside the class lifecycle): left to exit with the JVM (daemon threads). */
    static final Workers WORKERS = Workers.of(2);

    static MerkleTree tree(int leaves, int width) {
        long[][] cols = new long[width][leaves];
        for (int c = 0; c < width; c++) {
            for (int i = 0; i < leaves; i++) {
                cols[c][i] = i + c;
            }
        }
        return MerkleTree.build(RowSource.columns(cols), leaves, WORKERS);
    }

    @Test
    void rootKnownAnswer() {
        // leaves rows [i, i+1]; value computed with Python hashlib: H(0x01‖H(0x01‖L0‖L1)‖H(0x01‖L2‖L3))
        assertThat(HexFormat.of().formatHex(tree(4, 2).root()))
                .isEqualTo("3f0322f4db4edd069f1f2873c677c0d93e4a2af6ab8f34bbaca78efcee0e7e56");
    }

    @Test
    void parallelBuildEqualsSequential() {
        MerkleTree a = tree(1 << 13, 5);
        try (Workers one = Workers.of(1)) {
            long[][] cols = new long[5][1 << 13];
            for (int c = 0; c < 5; c++) {
                for (int i = 0; i < cols[c].length; i++) {
                    cols[c][i] = i + c;
                }
            }
            assertThat(MerkleTree.build(RowSource.columns(cols), 1 << 13, one).root()).isEqualTo(a.root());
        }
    }

    @Property(tries = 60)
    void multiProofOpensAndVerifies(@ForAll @IntRange(min = 0, max = 10) int depth,
            @ForAll @IntRange(min = 1, max = 40) int count, @ForAll long seed) {
        MerkleTree t = tree(1 << depth, 3);
        SplittableRandom r = new SplittableRandom(seed);
        TreeSet<Integer> set = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            set.add(r.nextInt(1 << depth));
        }
        int[] idx = set.stream().mapToInt(Integer::intValue).toArray();
        byte[][] leaves = new byte[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            leaves[i] = t.leafHash(idx[i]);
        }
        MultiProof p = t.open(idx);
        assertThat(p.siblings()).hasSize(MultiProof.expectedSize(idx, depth));
        assertThat(p.verify(t.root(), depth, idx, leaves)).isTrue();
        // any wrong leaf, wrong sibling, missing or extra sibling is rejected
        if (depth > 0) {
            byte[][] bad = leaves.clone();
            bad[0] = bad[0].clone();
            bad[0][0] ^= 1;
            assertThat(p.verify(t.root(), depth, idx, bad)).isFalse();
            if (!p.siblings().isEmpty()) {
                List<byte[]> s = new ArrayList<>(p.siblings());
                byte[] flipped = s.get(s.size() - 1).clone();
                flipped[31] ^= (byte) 0x80;
                s.set(s.size() - 1, flipped);
                assertThat(new MultiProof(s).verify(t.root(), depth, idx, leaves)).isFalse();
                assertThat(new MultiProof(s.subList(0, s.size() - 1)).verify(t.root(), depth, idx, leaves)).isFalse();
            }
            List<byte[]> extra = new ArrayList<>(p.siblings());
            extra.add(new byte[32]);
            assertThat(new MultiProof(extra).verify(t.root(), depth, idx, leaves)).isFalse();
        }
    }

    @Test
    void singlePathHasDepthSiblingsAndBadIndicesAreRejected() {
        MerkleTree t = tree(64, 2);
        assertThat(t.open(new int[] {5}).siblings()).hasSize(6);
        assertThat(t.open(new int[] {4, 5}).siblings()).hasSize(5);
        assertThatThrownBy(() -> t.open(new int[] {5, 5})).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> t.open(new int[] {64})).hasMessageContaining("index=64");
        MultiProof p = t.open(new int[] {5});
        assertThat(p.verify(t.root(), 6, new int[] {64}, new byte[][] {t.leafHash(5)})).isFalse();
        assertThat(p.verify(t.root(), 6, new int[] {6}, new byte[][] {t.leafHash(5)})).isFalse();
        assertThat(p.verify(t.root(), 31, new int[] {5}, new byte[][] {t.leafHash(5)})).isFalse();
        assertThat(p.verify(t.root(), 6, new int[] {5}, new byte[][] {new byte[3]})).isFalse();
        assertThatThrownBy(() -> MerkleTree.build(RowSource.columns(new long[1][3]), 3, WORKERS))
                .hasMessageContaining("leaves=3");
    }

    @Test
    void treesPastTheCapAreRefusedBeforeAllocating() {
        // 2^25 leaves once overflowed the int size of the node array (NegativeArraySizeException)
        RowSource huge = new RowSource() {
            @Override
            public int width() {
                return 1;
            }

            @Override
            public void row(int i, long[] out) {
                out[0] = i;
            }
        };
        assertThatThrownBy(() -> MerkleTree.build(huge, 1 << 25, WORKERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max=16777216");
        assertThatThrownBy(() -> MerkleTree.build(huge, 1 << 30, WORKERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too many leaves");
    }

    /** The largest admitted tree (2^24 leaves, 1 GiB of nodes) builds and opens; about 30 s on 2 cores. */
    @Test
    @org.junit.jupiter.api.Tag("long")
    void largestTreeBuilds() {
        RowSource rows = new RowSource() {
            @Override
            public int width() {
                return 1;
            }

            @Override
            public void row(int i, long[] out) {
                out[0] = i;
            }
        };
        int leaves = 1 << MerkleTree.MAX_LOG_LEAVES;
        MerkleTree t = MerkleTree.build(rows, leaves, WORKERS);
        int[] idx = {0, leaves - 1};
        assertThat(t.open(idx).verify(t.root(), MerkleTree.MAX_LOG_LEAVES, idx,
                new byte[][] {t.leafHash(0), t.leafHash(leaves - 1)})).isTrue();
    }
}

package dev.zisk4j.engine.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The text form rejects every malformed or dishonest entry with a message naming it. */
class NodeTextTest {
    final SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
    final Hash4 root = tree.set(tree.set(Hash4.ZERO, new Hash4(1, 0, 0, 0), BigInteger.TEN), new Hash4(2, 0, 0, 0),
            BigInteger.ONE);
    final Map<String, String> good = NodeText.encodeReachable(root, tree.store());

    @Test
    void goodTextDecodesAndPrefixIsOptional() throws Exception {
        assertThat(good).hasSize(5); // branch, two leaves, two values
        assertThat(good.keySet()).allMatch(k -> k.length() == 64 && !k.startsWith("0x"));
        Map<String, String> prefixed = new LinkedHashMap<>();
        good.forEach((k, v) -> prefixed.put("0x" + k.toUpperCase(), v.toUpperCase()));
        SparseMerkleTree copy = new SparseMerkleTree(NodeText.decode(prefixed));
        assertThat(copy.get(root, new Hash4(1, 0, 0, 0))).isEqualTo(BigInteger.TEN);
        assertThat(NodeText.decode(Map.of()).size()).isZero();
        assertThat(NodeText.encodeReachable(Hash4.ZERO, tree.store())).isEmpty();
    }

    @Test
    void rejectsBadKeys() {
        String value = good.values().iterator().next();
        assertRejects(Map.of("abc", value), "64 hex digits");
        assertRejects(Map.of("z".repeat(64), value), "not a hex digit");
        assertRejects(Map.of("ffffffff00000001" + "0".repeat(48), value), "not canonical");
        assertRejects(Map.of("0".repeat(63) + "1" + "0", value), "64 hex digits");
    }

    @Test
    void rejectsBadValues() {
        String key = good.keySet().iterator().next();
        assertRejects(Map.of(key, "0".repeat(15)), "multiple of 16");
        assertRejects(Map.of(key, "0".repeat(16 * 9)), "8 or 12 elements");
        assertRejects(Map.of(key, ""), "8 or 12 elements");
        assertRejects(Map.of(key, "g" + "0".repeat(16 * 12 - 1)), "not a hex digit");
        assertRejects(Map.of(key, "ffffffffffffffff" + "0".repeat(16 * 11)), "not canonical");
    }

    @Test
    void rejectsDishonestEntries() {
        Map.Entry<String, String> e = good.entrySet().iterator().next();
        String v = e.getValue();
        // flip one digit of the pre-image: it no longer hashes to its key
        String flipped = (v.charAt(0) == '0' ? "1" : "0") + v.substring(1);
        assertRejects(Map.of(e.getKey(), flipped), "hashes to");
        // a capacity the tree never uses
        String odd = v.substring(0, 16 * 8) + "0000000000000002" + "0".repeat(48);
        assertRejects(Map.of(e.getKey(), odd), "capacity");
    }

    @Test
    void rejectsBadArrays() {
        assertThatThrownBy(() -> NodeText.decodeArrays(Map.of("0".repeat(64), List.of("00"))))
                .isInstanceOf(MalformedNodeTextException.class)
                .hasMessageContaining("16 hex digits");
    }

    /** Arbitrary strings never escape as anything but MalformedNodeTextException. */
    @Property(tries = 300)
    void hostileTextFailsCleanly(@ForAll String key, @ForAll String value) {
        try {
            NodeText.decode(Map.of(key, value));
        } catch (MalformedNodeTextException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void assertRejects(Map<String, String> text, String reason) {
        assertThatThrownBy(() -> NodeText.decode(text))
                .isInstanceOf(MalformedNodeTextException.class)
                .hasMessageContaining(reason);
    }
}

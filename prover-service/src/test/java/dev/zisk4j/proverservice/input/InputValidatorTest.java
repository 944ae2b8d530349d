package dev.zisk4j.proverservice.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.TestInputs;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every field of InputProver against malformed, oversized and hostile values. */
class InputValidatorTest {
  static final InputValidator V = new InputValidator(InputLimits.defaults());
  static final InputProver GOOD = TestInputs.request(2, 2);

  static InputProver pub(UnaryOperator<PublicInputs.Builder> f) {
    return GOOD.toBuilder().setPublicInputs(f.apply(GOOD.getPublicInputs().toBuilder())).build();
  }

  static Stream<Arguments> hostile() {
    String big = "f".repeat(65);
    return Stream.of(
        Arguments.of("no public inputs", GOOD.toBuilder().clearPublicInputs().build(), "public_inputs is missing"),
        Arguments.of("empty old root", pub(p -> p.setOldStateRoot("")), "old_state_root is empty"),
        Arguments.of("long old root", pub(p -> p.setOldStateRoot(big)), "old_state_root has 65 hex digits, max 64"),
        Arguments.of("non-hex root", pub(p -> p.setOldStateRoot("0x12g4")), "old_state_root is not hex: character 'g' at 4"),
        Arguments.of("unicode root", pub(p -> p.setOldStateRoot("0x1\u00e9")), "old_state_root is not hex"),
        Arguments.of("space in root", pub(p -> p.setOldStateRoot(" 0x12")), "old_state_root is not hex"),
        Arguments.of("root not 4 felts", pub(p -> p.setOldStateRoot("f".repeat(64))), "element 0"),
        Arguments.of("bad new root", pub(p -> p.setNewStateRoot("0xzz")), "new_state_root is not hex"),
        Arguments.of("long new root", pub(p -> p.setNewStateRoot(big)), "new_state_root has 65"),
        Arguments.of("bad old exit root", pub(p -> p.setOldLocalExitRoot("-1")), "old_local_exit_root is not hex"),
        Arguments.of("bad new exit root", pub(p -> p.setNewLocalExitRoot(big)), "new_local_exit_root has 65"),
        Arguments.of("long sequencer", pub(p -> p.setSequencerAddr("0x" + "1".repeat(41))), "sequencer_addr has 41 hex digits, max 40"),
        Arguments.of("chain id 0", pub(p -> p.setChainId(0)), "chain_id must not be 0"),
        Arguments.of("bad batch hash", pub(p -> p.setBatchHashData("0x" + "0".repeat(64))), "batch_hash_data does not match"),
        Arguments.of("bad ger", GOOD.toBuilder().setGlobalExitRoot(big).build(), "global_exit_root has 65"),
        Arguments.of("odd batch", GOOD.toBuilder().setBatchL2Data("0x010").build(), "batch_l2_data has an odd number"),
        Arguments.of("non-hex batch", GOOD.toBuilder().setBatchL2Data("0x01000q").build(), "batch_l2_data is not hex"),
        Arguments.of("empty batch", GOOD.toBuilder().setBatchL2Data("").build(), "batch_l2_data: batch truncated in its header"),
        Arguments.of("oversized batch", GOOD.toBuilder().setBatchL2Data("00".repeat(30_001)).build(), "batch_l2_data holds 30001 bytes, max 30000"),
        Arguments.of("batch version", GOOD.toBuilder().setBatchL2Data("020000").build(), "batch_l2_data: unsupported batch version"),
        Arguments.of("db key long", GOOD.toBuilder().putDb(big, "0".repeat(16)).build(), "db key has 65 hex digits"),
        Arguments.of("db key not hex", GOOD.toBuilder().putDb("xyz", "0".repeat(16)).build(), "db key is not hex"),
        Arguments.of("db value ragged", GOOD.toBuilder().putDb("aa", "0".repeat(17)).build(), "multiple of 16 hex digits: length=17"),
        Arguments.of("db value empty", GOOD.toBuilder().putDb("aa", "").build(), "multiple of 16 hex digits: length=0"),
        Arguments.of("db value too many felts", GOOD.toBuilder().putDb("aa", "0".repeat(16 * 13)).build(), "holds 13 field elements, max 12"),
        Arguments.of("db value not canonical", GOOD.toBuilder().putDb("aa", "ffffffffffffffff").build(), "not below the Goldilocks prime"),
        Arguments.of("db value not hex", GOOD.toBuilder().putDb("aa", "000000000000000g").build(), "is not hex"),
        Arguments.of("db key twice", GOOD.toBuilder().putDb("0xAB", "0".repeat(16)).putDb("ab", "0".repeat(16)).build(), "db key appears twice"),
        Arguments.of("contract key", GOOD.toBuilder().putContractsBytecode("nothex", "00").build(), "contracts_bytecode key is not hex"),
        Arguments.of("contract code", GOOD.toBuilder().putContractsBytecode("aa", "00".repeat(24_577)).build(), "holds 24577 bytes, max 24576"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void rejectsWithTheFieldNamed(String name, InputProver in, String message) {
    assertThatThrownBy(() -> V.check(in)).isInstanceOf(InputRejectedException.class).hasMessageContaining(message);
  }

  @Test
  void tooManyEntries() {
    InputValidator small = new InputValidator(new InputLimits(30_000, 3, 12, 1, 10));
    InputProver.Builder b = GOOD.toBuilder();
    for (int i = 0; i < 4; i++) {
      b.putDb(String.format("%x", i + 100), "0".repeat(16));
    }
    assertThatThrownBy(() -> small.check(b.build())).hasMessageContaining("entries, max 3");
    assertThatThrownBy(() -> small.check(TestInputs.request(0, 0).toBuilder().clearDb().putContractsBytecode("a1", "00")
        .putContractsBytecode("a2", "00").build())).hasMessageContaining("contracts_bytecode has 2 entries, max 1");
  }

  @Test
  void aNodeThatDoesNotHashToItsKeyIsRejected() {
    var e = GOOD.getDbMap().entrySet().iterator().next();
    String v = e.getValue();
    String forged = v.substring(0, 15) + (v.charAt(15) == '0' ? "1" : "0") + v.substring(16);
    assertThatThrownBy(() -> V.check(GOOD.toBuilder().putDb(e.getKey(), forged).build()))
        .hasMessageContaining("db: node").hasMessageContaining("hashes to");
    assertThatThrownBy(() -> V.check(GOOD.toBuilder().putDb("0xab", "0".repeat(16 * 5)).build()))
        .hasMessageContaining("8 or 12 elements");
  }

  @Test
  void acceptsAndNormalises() throws Exception {
    String key = GOOD.getDbMap().keySet().iterator().next();
    String value = GOOD.getDbMap().get(key);
    CheckedInput c = V.check(GOOD.toBuilder().removeDb(key).putDb("0X" + key.toUpperCase(), value).build());
    assertThat(c.db()).containsKey(key.toLowerCase());
    assertThat(c.nodes().size()).isEqualTo(GOOD.getDbCount());
    assertThat(c.batch().transfers()).hasSize(2);
    assertThat(c.claimedNewStateRoot()).isEmpty();
    // The node's own batch_hash_data is accepted.
    String bhd = Hex.prefixed(c.batchHashData());
    assertThat(V.check(pub(p -> p.setBatchHashData(bhd.toUpperCase().replace("0X", "0x")))).batchHashData())
        .isEqualTo(c.batchHashData());
  }

  @Property(tries = 300)
  void neverThrowsAnythingElse(@ForAll String root, @ForAll String batch, @ForAll String key, @ForAll String value) {
    InputProver in = GOOD.toBuilder().setPublicInputs(GOOD.getPublicInputs().toBuilder().setOldStateRoot(root))
        .setBatchL2Data(batch).putDb(key, value).build();
    try {
      V.check(in);
    } catch (InputRejectedException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}

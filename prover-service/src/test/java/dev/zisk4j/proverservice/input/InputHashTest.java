package dev.zisk4j.proverservice.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import java.math.BigInteger;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Known answers computed independently with Python (pycryptodome's keccak, int mod r). */
class InputHashTest {
  @Test
  void keccakOfNothingIsEthereums() {
    assertThat(HexFormat.of().formatHex(Keccak.hash()))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void inputHashMatchesTheNodesFormula() {
    PublicInputs p = PublicInputs.newBuilder()
        .setOldStateRoot("0x" + "ab".repeat(32)).setOldLocalExitRoot("0x" + "00".repeat(32))
        .setNewStateRoot("0x" + "cd".repeat(32)).setNewLocalExitRoot("0x" + "11".repeat(32))
        .setSequencerAddr("0x617b3a3528F9cDd6630fd3301B9c8911F7Bf063D").setBatchHashData("0x" + "ef".repeat(32))
        .setBatchNum(7).setEthTimestamp(1_700_000_000L)
        .setChainId(1000).setBlockNum(99) // not part of the hash
        .build();
    assertThat(InputHash.of(p)).isEqualTo("0x2c797534260d16f047611525149d6e18f9d343a42c1f29249402291b673f20d8");
  }

  @Test
  void batchHashDataIsTheNodesKeccak() {
    byte[] got = Keccak.hash(HexFormat.of().parseHex("010000"), HexFormat.of().parseHex("0".repeat(63) + "9"),
        java.nio.ByteBuffer.allocate(8).putLong(1_700_000_000L).array(), HexFormat.of().parseHex("55".repeat(20)));
    assertThat(HexFormat.of().formatHex(got)).isEqualTo("f35fc216c33e2b1b5be1e66f1238c490c3db9b508a42b5180c65705ae9969c3d");
  }

  @Property(tries = 200)
  void alwaysSixtyFourDigitsBelowR(@ForAll String root, @ForAll int batch, @ForAll long ts) {
    String h = InputHash.of(PublicInputs.newBuilder().setOldStateRoot(root).setBatchNum(batch).setEthTimestamp(ts).build());
    assertThat(h).hasSize(66).startsWith("0x");
    assertThat(new BigInteger(h.substring(2), 16)).isLessThan(InputHash.BN254_R);
  }
}

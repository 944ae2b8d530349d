package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vmair.InputMode;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentWireTest {
  static final VmConfig CONFIG = VmConfig.standard(10, 6);

  static SegPublic segPublic(long seed) {
    long[] rs = new long[7];
    long[] re = new long[7];
    for (int i = 0; i < 7; i++) {
      rs[i] = seed + i;
      re[i] = Goldilocks.P - 1 - i;
    }
    byte[] root = new byte[32];
    Arrays.fill(root, (byte) seed);
    return new SegPublic(seed, rs, seed + 100, re, 1, 2, 3, 4, root);
  }

  @Test
  void configGoldenBytesAndLimits() throws Exception {
    assertThat(HexFormat.of().formatHex(CONFIG.encode())).isEqualTo("0a06031e10020201");
    assertThat(VmConfig.decode(CONFIG.encode())).isEqualTo(CONFIG);
    assertThatThrownBy(() -> VmConfig.decode(new byte[] {10, 9, 3, 30, 16, 2, 2, 1}))
        .isInstanceOf(MalformedProofException.class).hasMessageContaining("logM=9");
    assertThatThrownBy(() -> VmConfig.decode(new byte[] {10, 6, 3, 30, 16, 2, 2, 7}))
        .hasMessageContaining("hashId=7");
    assertThatThrownBy(() -> VmConfig.decode(new byte[7])).hasMessageContaining("8 bytes");
  }

  @Test
  void configAdmitsOnlyLdeDomainsAMerkleTreeHolds() {
    // logN + logBlowup = 24 is the largest LDE (2^24 leaves); 25 once overflowed MerkleTree's int sizes
    assertThat(new VmConfig(22, 14, 2, 30, 16, 2, 2, 1).rows()).isEqualTo(1 << 22);
    assertThat(new VmConfig(21, 14, 3, 30, 16, 2, 2, 1).logBlowup()).isEqualTo(3);
    assertThatThrownBy(() -> new VmConfig(22, 14, 3, 30, 16, 2, 2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logN+logBlowup=25");
    assertThatThrownBy(() -> VmConfig.decode(new byte[] {22, 14, 4, 30, 16, 2, 2, 1}))
        .isInstanceOf(MalformedProofException.class).hasMessageContaining("logN+logBlowup=26");
  }

  @Test
  void segPublicLayoutAndStrictness() throws Exception {
    SegPublic p = segPublic(5);
    byte[] b = p.encode();
    assertThat(b).hasSize(192);
    assertThat(b[0]).isEqualTo((byte) 5);
    assertThat(b[160]).isEqualTo((byte) 5);
    assertThat(SegPublic.decode(b)).isEqualTo(p);
    byte[] bad = b.clone();
    Arrays.fill(bad, 0, 8, (byte) 0xFF);
    assertThatThrownBy(() -> SegPublic.decode(bad)).hasMessageContaining("non-canonical field element in pcS");
    assertThatThrownBy(() -> SegPublic.decode(Arrays.copyOf(b, 191))).hasMessageContaining("truncated at mainRoot");
    assertThatThrownBy(() -> SegPublic.decode(Arrays.copyOf(b, 193))).hasMessageContaining("trailing bytes");
  }

  @Test
  void commitmentChallengesAndCheckpointRoundTrip() throws Exception {
    SegmentCommitment c = new SegmentCommitment(3, segPublic(9));
    assertThat(SegmentCommitment.decode(c.encode())).isEqualTo(c);
    GlobalChallenges g = new GlobalChallenges(
        List.of(ExtField.QUADRATIC.of(1), ExtField.QUADRATIC.of(2), ExtField.QUADRATIC.of(3), ExtField.QUADRATIC.of(4), ExtField.QUADRATIC.of(5), ExtField.QUADRATIC.of(6), ExtField.QUADRATIC.of(7), ExtField.QUADRATIC.element(8, 9)),
        new byte[32]);
    assertThat(g.encode()).hasSize(GlobalChallenges.BYTES);
    assertThat(GlobalChallenges.decode(g.encode())).isEqualTo(g);
    VmState s = VmState.initial(TestGuests.image("fib"));
    Checkpoint cp = new Checkpoint(2, s, new long[] {8, 90});
    Checkpoint back = Checkpoint.decode(cp.encode(), 64);
    assertThat(back.encode()).isEqualTo(cp.encode());
    assertThatThrownBy(() -> Checkpoint.decode(cp.encode(), 32)).hasMessageContaining("bad RAM size: M=64, max=32");
    byte[] trunc = Arrays.copyOf(cp.encode(), cp.encode().length - 1);
    assertThatThrownBy(() -> Checkpoint.decode(trunc, 64)).isInstanceOf(MalformedProofException.class);
  }

  @Test
  void bundleParserRejectsHostileCountsAndTrailingBytes() throws Exception {
    SegmentProof sp = new SegmentProof(CONFIG, 0, ExtField.QUADRATIC.of(1), ExtField.QUADRATIC.of(2), new byte[] {1, 2, 3});
    Statement st = new Statement(new byte[32], new byte[32], new byte[32], 7, InputMode.PUBLIC, new long[] {42});
    Bundle b = new Bundle(CONFIG, st, 99, List.of(segPublic(1)), List.of(sp));
    byte[] bytes = b.encode();
    Bundle back = Bundle.decode(bytes);
    assertThat(back.encode()).isEqualTo(bytes);
    assertThat(back.statement()).isEqualTo(st);
    assertThatThrownBy(() -> Bundle.decode(Arrays.copyOf(bytes, bytes.length + 1))).hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> Bundle.decode(Arrays.copyOf(bytes, bytes.length - 1))).isInstanceOf(MalformedProofException.class);
    byte[] hugeOut = bytes.clone();
    hugeOut[4 + 2 + 8 + 96 + 8 + 1] = (byte) 0xFF;
    hugeOut[4 + 2 + 8 + 96 + 8 + 1 + 3] = (byte) 0x7F;
    assertThatThrownBy(() -> Bundle.decode(hugeOut)).hasMessageContaining("output count exceeds");
    byte[] badMode = bytes.clone();
    badMode[4 + 2 + 8 + 96 + 8] = 9;
    assertThatThrownBy(() -> Bundle.decode(badMode)).hasMessageContaining("unknown input mode: inputMode=9");
    byte[] badMagic = bytes.clone();
    badMagic[0] = 'X';
    assertThatThrownBy(() -> Bundle.decode(badMagic)).hasMessageContaining("bad magic");
  }

  @Test
  void segmentProofAndBundleGoldenBytes() throws Exception {
    SegmentProof sp = new SegmentProof(CONFIG, 1, ExtField.QUADRATIC.element(2, 3), ExtField.QUADRATIC.element(4, 5), new byte[] {(byte) 0xAA});
    assertThat(HexFormat.of().formatHex(sp.encode())).isEqualTo("4a5a4b53" + "0100" + "0a06031e10020201" + "01000000"
        + "0200000000000000" + "0300000000000000" + "0400000000000000" + "0500000000000000" + "01000000" + "aa");
    assertThat(sp.encode()).hasSize(SegmentProof.HEADER_BYTES + 1);
    byte[] id = new byte[32];
    id[0] = 1;
    Statement st = new Statement(id, new byte[32], new byte[32], 0, InputMode.PRIVATE, new long[] {9});
    SegmentProof p0 = new SegmentProof(CONFIG, 0, ExtField.QUADRATIC.of(1), ExtField.QUADRATIC.of(1), new byte[0]);
    byte[] b = new Bundle(CONFIG, st, 0x0102, List.of(segPublic(0)), List.of(p0)).encode();
    String hex = HexFormat.of().formatHex(b);
    String header = "4a5a4b42" + "0200" + "0a06031e10020201" + "01" + "00".repeat(31) + "00".repeat(64)
        + "0000000000000000" + "01" + "01000000" + "0900000000000000" + "01000000" + "0201000000000000";
    assertThat(hex).startsWith(header);
    int tables = header.length() / 2 + SegPublic.BYTES;
    assertThat(hex.substring(2 * tables, 2 * tables + 8)).isEqualTo("36000000");
    assertThat(b).hasSize(tables + 4 + SegmentProof.HEADER_BYTES);
  }

  @Test
  void plannerCutsSegmentsThatResumeExactly() throws Exception {
    // fib(300) takes ~1500 cycles: three segments of 512 rows
    Plan plan = new Planner(100).plan(TestGuests.image("fib"), VmConfig.standard(9, 6),
        WordTape.ofBytes(TestGuests.records(new long[] {300})));
    assertThat(plan.ok()).isTrue();
    assertThat(plan.segments()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(plan.segments().get(0).input()).containsExactly(8, 300);
    assertThat(plan.segments().get(1).start().cycles()).isEqualTo(511);
  }
}

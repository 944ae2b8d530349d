package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.field.Goldilocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramImageTest {
  private static final ProgramImage SMALL = new ProgramImage(
      List.of(new Instruction(Opcode.ADD, 1, 0, 0, 5), new Instruction(Opcode.HALT, 0, 0, 0, 0)),
      List.of(new DataWord(3, 9)), 3);

  @Test
  void goldenBytes() {
    assertThat(HexFormat.of().formatHex(SMALL.encode())).isEqualTo(
        "4a5a4b50" + "0200" + "03" + "02000000"
            + "10000000" + "0500000000000000"
            + "0e000000" + "0000000000000000"
            + "01000000" + "03000000" + "0900000000000000");
    assertThat(ProgramImageFormat.size(2, 1)).isEqualTo(SMALL.encode().length);
  }

  @Test
  void imageIdIsSha256OfTheBytes() throws Exception {
    byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(SMALL.encode());
    assertThat(SMALL.imageId()).isEqualTo(expected);
    assertThat(ProgramImage.decode(SMALL.encode())).isEqualTo(SMALL);
  }

  @Test
  void decodeRejectsEveryMalformedShape() {
    byte[] ok = SMALL.encode();
    rejects(new byte[0], "truncated in header");
    rejects(patch(ok, 0, (byte) 'X'), "bad magic");
    rejects(patch(ok, 4, (byte) 1), "image version 1 has no RAM size");
    rejects(patch(ok, 4, (byte) 3), "unsupported image version: version=3");
    rejects(java.util.Arrays.copyOf(ok, 8), "truncated in header: length=8");
    rejects(patch(ok, 6, (byte) 0), "RAM size out of range: logM=0");
    rejects(patch(ok, 6, (byte) 21), "RAM size out of range: logM=21");
    rejects(patch(ok, 6, (byte) 1), "data address outside RAM: address=3, M=2");
    rejects(putInt(ok, 7, 0), "no instructions: n=0");
    rejects(putInt(ok, 7, 0x7FFF_FFFF), "image truncated: n=2147483647");
    rejects(putInt(ok, 7, -1), "image truncated");
    rejects(putInt(ok, 11, 1 << 15), "instruction word out of range: pc=0, word=32768");
    rejects(putInt(ok, 11, (1 << 13) + 1), "unknown opcode: pc=0, op=17");
    rejects(putInt(ok, 11, 3 << 13), "unknown opcode: pc=0, op=48");
    rejects(putInt(ok, 11, (1 << 13) + 16), "rd must be r0 for POSEIDON: rd=1: pc=0");
    rejects(putInt(ok, 11, 15), "STALL cannot appear in a program: pc=0");
    rejects(putInt(ok, 23, 14 + 16), "rd must be r0 for HALT: rd=1: pc=1");
    rejects(putLong(ok, 15, Goldilocks.P), "immediate not canonical: pc=0");
    rejects(putLong(ok, 43, -1), "data value not canonical");
    rejects(java.util.Arrays.copyOf(ok, ok.length - 1), "image truncated: d=1");
    rejects(java.util.Arrays.copyOf(ok, ok.length + 1), "trailing bytes");
    rejects(putInt(ok, 35, 2), "image truncated: d=2");
    byte[] twice = new ProgramImage(SMALL.code(), List.of(new DataWord(3, 9), new DataWord(4, 1)), 3).encode();
    rejects(putInt(twice, 51, 3), "repeated data address: address=3");
  }

  @Test
  void theRamSizeIsPartOfTheProgram() throws Exception {
    ProgramImage bigger = SMALL.withLogMemoryWords(4);
    assertThat(bigger.memoryWords()).isEqualTo(16);
    assertThat(bigger.imageId()).isNotEqualTo(SMALL.imageId());
    assertThat(ProgramImage.decode(bigger.encode())).isEqualTo(bigger);
    assertThatThrownBy(() -> SMALL.withLogMemoryWords(1)).hasMessageContaining("data address outside RAM: address=3, M=2");
    assertThatThrownBy(() -> SMALL.withLogMemoryWords(0)).hasMessageContaining("logM=0");
    assertThatThrownBy(() -> SMALL.withLogMemoryWords(21)).hasMessageContaining("logM=21");
  }

  @Test
  void segmentLimits() throws Exception {
    SMALL.checkFits(32);
    assertThatThrownBy(() -> SMALL.checkFits(2)).hasMessageContaining("program too long for the segment: n=2, max=1");
    assertThatThrownBy(() -> SMALL.checkFits(16)).hasMessageContaining("program RAM too large for the segment: M=8, rows=16");
  }

  private static void rejects(byte[] bytes, String message) {
    assertThatThrownBy(() -> ProgramImage.decode(bytes)).isInstanceOf(MalformedImageException.class)
        .hasMessageContaining(message);
  }

  private static byte[] patch(byte[] b, int at, byte v) {
    byte[] c = b.clone();
    c[at] = v;
    return c;
  }

  private static byte[] putInt(byte[] b, int at, int v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    return c;
  }

  private static byte[] putLong(byte[] b, int at, long v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    return c;
  }
}

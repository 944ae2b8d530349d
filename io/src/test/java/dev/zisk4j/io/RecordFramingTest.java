package dev.zisk4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RecordFramingTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void recordSizesFollowTheSpecExamples() {
    assertThat(RecordFraming.recordBytes(0)).isEqualTo(8);
    for (int l = 1; l <= 8; l++) {
      assertThat(RecordFraming.recordBytes(l)).as("payload %d", l).isEqualTo(16);
    }
    assertThat(RecordFraming.recordBytes(9)).isEqualTo(24);
    assertThat(RecordFraming.recordBytes(16)).isEqualTo(24);
    assertThat(RecordFraming.recordBytes(17)).isEqualTo(32);
  }

  @Test
  void goldenFrames() {
    assertThat(HEX.formatHex(RecordFraming.frame(new byte[0]))).isEqualTo("0000000000000000");
    assertThat(HEX.formatHex(RecordFraming.frame(new byte[] {(byte) 0xAB})))
        .isEqualTo("0100000000000000" + "ab00000000000000");
    assertThat(HEX.formatHex(RecordFraming.frame(HEX.parseHex("0102030405060708"))))
        .isEqualTo("0800000000000000" + "0102030405060708");
    assertThat(HEX.formatHex(RecordFraming.frame(HEX.parseHex("010203040506070809"))))
        .isEqualTo("0900000000000000" + "0102030405060708" + "0900000000000000");
  }

  @Test
  void headerIsUnsigned64LittleEndian() {
    byte[] b = new byte[8];
    RecordFraming.putHeader(b, 0, 0x0102030405060708L);
    assertThat(HEX.formatHex(b)).isEqualTo("0807060504030201");
    assertThat(RecordFraming.getHeader(HEX.parseHex("ffffffffffffffff"), 0)).isEqualTo(-1L);
  }

  @Test
  void negativeLengthIsACallerBug() {
    assertThatThrownBy(() -> RecordFraming.recordBytes(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payloadLength=-1");
  }

  @Property
  void everyRecordIsAlignedAndPaddingIsMinimal(@ForAll @IntRange(min = 0, max = 1 << 20) int len) {
    long size = RecordFraming.recordBytes(len);
    assertThat(size % 8).isZero();
    assertThat(RecordFraming.paddingBytes(len)).isBetween(0, 7);
    assertThat(size - 8 - len).isEqualTo(RecordFraming.paddingBytes(len));
  }
}

package dev.zisk4j.io.bincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bincode 2 {@code standard()} golden vectors: every varint boundary and every supported shape. */
class BincodeGoldenTest {
  private static final HexFormat HEX = HexFormat.of();

  private static <T> String hex(BincodeType<T> t, T v) {
    return HEX.formatHex(t.toBytes(v));
  }

  @ParameterizedTest
  @CsvSource({
      "0, 00",
      "250, fa",
      "251, fbfb00",
      "65535, fbffff",
      "65536, fc00000100",
      "4294967295, fcffffffff",
      "4294967296, fd0000000001000000",
      "18446744073709551615, fdffffffffffffffff"})
  void u64VarintBoundaries(String value, String expected) throws Exception {
    long v = Long.parseUnsignedLong(value);
    assertThat(hex(Bincode.U64, v)).isEqualTo(expected);
    assertThat(Bincode.U64.fromBytes(HEX.parseHex(expected))).isEqualTo(v);
  }

  @Test
  void u128UsesMarker254AboveU64() throws Exception {
    BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
    assertThat(hex(Bincode.U128, twoTo64)).isEqualTo("fe" + "0000000000000000" + "0100000000000000");
    assertThat(hex(Bincode.U128, BigInteger.valueOf(250))).isEqualTo("fa");
    BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    assertThat(hex(Bincode.U128, max)).isEqualTo("fe" + "ff".repeat(16));
    assertThat(Bincode.U128.fromBytes(HEX.parseHex("fe" + "ff".repeat(16)))).isEqualTo(max);
    assertThatThrownBy(() -> Bincode.U128.toBytes(max.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signedIntegersAreZigzagged() throws Exception {
    assertThat(hex(Bincode.I64, 0L)).isEqualTo("00");
    assertThat(hex(Bincode.I64, -1L)).isEqualTo("01");
    assertThat(hex(Bincode.I64, 1L)).isEqualTo("02");
    assertThat(hex(Bincode.I64, -126L)).isEqualTo("fb" + "fb00");
    assertThat(hex(Bincode.I64, 125L)).isEqualTo("fa");
    assertThat(hex(Bincode.I64, Long.MIN_VALUE)).isEqualTo("fd" + "ffffffffffffffff");
    assertThat(hex(Bincode.I64, Long.MAX_VALUE)).isEqualTo("fd" + "feffffffffffffff");
    assertThat(hex(Bincode.I32, Integer.MIN_VALUE)).isEqualTo("fc" + "ffffffff");
    assertThat(hex(Bincode.I16, (short) -32768)).isEqualTo("fb" + "ffff");
    assertThat(hex(Bincode.I128, BigInteger.ONE.shiftLeft(127).negate())).isEqualTo("fe" + "ff".repeat(16));
    assertThat(Bincode.I128.fromBytes(HEX.parseHex("03"))).isEqualTo(BigInteger.valueOf(-2));
  }

  @Test
  void byteSizedIntegersAreRaw() {
    assertThat(hex(Bincode.U8, 255)).isEqualTo("ff");
    assertThat(hex(Bincode.I8, (byte) -1)).isEqualTo("ff");
    assertThat(hex(Bincode.BOOL, true)).isEqualTo("01");
    assertThat(hex(Bincode.BOOL, false)).isEqualTo("00");
  }

  @Test
  void unsignedRangesAreChecked() {
    assertThatThrownBy(() -> Bincode.U8.toBytes(256)).hasMessageContaining("u8 out of range");
    assertThatThrownBy(() -> Bincode.U16.toBytes(-1)).hasMessageContaining("u16 out of range");
    assertThatThrownBy(() -> Bincode.U32.toBytes(1L << 32)).hasMessageContaining("u32 out of range");
    assertThat(hex(Bincode.U32, 0xFFFF_FFFFL)).isEqualTo("fcffffffff");
    assertThat(hex(Bincode.U16, 65535)).isEqualTo("fbffff");
  }

  @Test
  void floatsAreFixedWidthLittleEndian() {
    assertThat(hex(Bincode.F32, 1.0f)).isEqualTo("0000803f");
    assertThat(hex(Bincode.F64, 1.0)).isEqualTo("000000000000f03f");
  }

  @Test
  void stringsBytesAndSequencesHaveVarintLengths() {
    assertThat(hex(Bincode.STRING, "hi")).isEqualTo("026869");
    assertThat(hex(Bincode.STRING, "é")).isEqualTo("02c3a9");
    assertThat(hex(Bincode.BYTES, new byte[] {1, 2})).isEqualTo("020102");
    assertThat(hex(Bincode.list(Bincode.U32), List.of(1L, 300L))).isEqualTo("02" + "01" + "fb2c01");
    assertThat(hex(Bincode.STRING, "x".repeat(251))).startsWith("fbfb00");
    assertThat(hex(Bincode.fixedBytes(3), new byte[] {7, 8, 9})).isEqualTo("070809");
    assertThat(hex(Bincode.array(Bincode.U16, 2), List.of(1, 251))).isEqualTo("01" + "fbfb00");
  }

  @Test
  void mapsOptionsAndEnums() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("a", 1L);
    m.put("b", 2L);
    assertThat(hex(Bincode.map(Bincode.STRING, Bincode.U64), m)).isEqualTo("02" + "016101" + "016202");
    assertThat(hex(Bincode.option(Bincode.U64), Optional.empty())).isEqualTo("00");
    assertThat(hex(Bincode.option(Bincode.U64), Optional.of(5L))).isEqualTo("0105");
    assertThat(hex(Bincode.enumOf(Color.class), Color.BLUE)).isEqualTo("02");
  }

  enum Color { RED, GREEN, BLUE }

  public record Point(long x, int y, String label) {}

  @Test
  void recordsEncodeFieldsInDeclarationOrder() throws Exception {
    BincodeType<Point> t = Bincode.record(Point.class, Bincode.U64, Bincode.I32, Bincode.STRING);
    assertThat(hex(t, new Point(251, -1, "p"))).isEqualTo("fbfb00" + "01" + "0170");
    assertThat(t.fromBytes(HEX.parseHex("fbfb00" + "01" + "0170"))).isEqualTo(new Point(251, -1, "p"));
    assertThatThrownBy(() -> Bincode.record(Point.class, Bincode.U64)).hasMessageContaining("components=3, codecs=1");
  }

  @Test
  void decoderRejectsMalformedBytesWithOffsets() {
    assertThatThrownBy(() -> Bincode.U16.fromBytes(HEX.parseHex("fc00000100")))
        .isInstanceOf(BincodeException.class).hasMessageContaining("varint too wide");
    assertThatThrownBy(() -> Bincode.U64.fromBytes(HEX.parseHex("ff")))
        .hasMessageContaining("invalid varint marker").hasMessageContaining("offset=0");
    assertThatThrownBy(() -> Bincode.U64.fromBytes(HEX.parseHex("fe" + "00".repeat(16))))
        .hasMessageContaining("varint too wide");
    assertThatThrownBy(() -> Bincode.U64.fromBytes(HEX.parseHex("fb01")))
        .hasMessageContaining("truncated bincode").hasMessageContaining("offset=1");
    assertThatThrownBy(() -> Bincode.BOOL.fromBytes(HEX.parseHex("02"))).hasMessageContaining("invalid bool");
    assertThatThrownBy(() -> Bincode.option(Bincode.U8).fromBytes(HEX.parseHex("07")))
        .hasMessageContaining("invalid Option tag");
    assertThatThrownBy(() -> Bincode.enumOf(Color.class).fromBytes(HEX.parseHex("03")))
        .hasMessageContaining("unknown enum discriminant");
    assertThatThrownBy(() -> Bincode.STRING.fromBytes(HEX.parseHex("02c328")))
        .hasMessageContaining("invalid UTF-8");
    assertThatThrownBy(() -> Bincode.U8.fromBytes(HEX.parseHex("0102")))
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void hostileLengthsFailBeforeAllocation() {
    assertThatThrownBy(() -> Bincode.BYTES.fromBytes(HEX.parseHex("fdffffffffffffff7f")))
        .isInstanceOf(BincodeException.class).hasMessageContaining("length exceeds input");
    assertThatThrownBy(() -> Bincode.list(Bincode.U64).fromBytes(HEX.parseHex("fcffffff7f00")))
        .hasMessageContaining("length exceeds input");
    assertThatThrownBy(() -> Bincode.map(Bincode.U8, Bincode.U8).fromBytes(HEX.parseHex("05010203")))
        .hasMessageContaining("length exceeds input");
    assertThatThrownBy(() -> Bincode.map(Bincode.U8, Bincode.U8).fromBytes(HEX.parseHex("0201020103")))
        .hasMessageContaining("duplicate map key");
  }

  @Test
  void nonMinimalVarintWithinWidthIsAccepted() throws Exception {
    assertThat(Bincode.U64.fromBytes(HEX.parseHex("fb0500"))).isEqualTo(5L);
  }
}

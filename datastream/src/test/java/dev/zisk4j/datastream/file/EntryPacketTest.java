package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntryPacketTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void bookmarkEntryMatchesSpecGoldenBytes() {
    StreamEntry e = new StreamEntry(0, StreamEntry.BOOKMARK_TYPE, HEX.parseHex("000100000000000000"));
    assertThat(HEX.formatHex(EntryPacket.toBytes(EntryPacket.DATA, e)))
        .isEqualTo("02" + "0000001a" + "000000b0" + "0000000000000000" + "000100000000000000");
  }

  @Test
  void notFoundDataRspMatchesSpecGoldenBytes() {
    StreamEntry nf = new StreamEntry(0, StreamEntry.NOT_FOUND_TYPE, new byte[0]);
    assertThat(HEX.formatHex(EntryPacket.toBytes(EntryPacket.DATA_RSP, nf)))
        .isEqualTo("fe" + "00000011" + "ffffffff" + "0000000000000000");
  }

  @Property
  void roundTripsEveryEntry(@ForAll long number, @ForAll int type, @ForAll @Size(max = 300) byte[] data)
      throws Exception {
    long n = number & Long.MAX_VALUE;
    StreamEntry e = new StreamEntry(n, type, data);
    ByteBuffer b = ByteBuffer.allocate(e.encodedLength() + 3);
    EntryPacket.encode(EntryPacket.DATA_RSP, e, b);
    assertThat(b.position()).isEqualTo(17 + data.length);
    b.flip();
    assertThat(EntryPacket.decode(EntryPacket.DATA_RSP, b, 0)).isEqualTo(e);
    assertThat(b.hasRemaining()).isFalse();
  }

  @Property
  void everyTruncationOfAnEntryIsRejected(@ForAll @Size(max = 40) byte[] data, @ForAll int cutSeed) throws Exception {
    byte[] full = EntryPacket.toBytes(EntryPacket.DATA, new StreamEntry(7, 1, data));
    int cut = Math.floorMod(cutSeed, full.length);
    ByteBuffer b = ByteBuffer.wrap(full, 0, cut).slice();
    assertThatThrownBy(() -> EntryPacket.decode(EntryPacket.DATA, b, 100))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("offset=100");
  }

  @Test
  void rejectsWrongPacketType() {
    byte[] bytes = EntryPacket.toBytes(EntryPacket.DATA, new StreamEntry(1, 2, new byte[3]));
    assertThatThrownBy(() -> EntryPacket.decode(EntryPacket.DATA_RSP, ByteBuffer.wrap(bytes), 4096))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("packetType=0x2").hasMessageContaining("expected=0xfe").hasMessageContaining("offset=4096");
  }

  @Test
  void rejectsLengthBelowPrefixAndAbovePage() {
    ByteBuffer shortLen = ByteBuffer.allocate(17).put((byte) 2).putInt(16).putInt(1).putLong(0).flip();
    assertThatThrownBy(() -> EntryPacket.decode(EntryPacket.DATA, shortLen, 0))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("length=16");
    ByteBuffer hostile = ByteBuffer.allocate(17).put((byte) 2).putInt(0xFFFFFFFF).putInt(1).putLong(0).flip();
    assertThatThrownBy(() -> EntryPacket.decode(EntryPacket.DATA, hostile, 0))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("length=4294967295");
  }

  @Test
  void rejectsNegativeNumber() {
    ByteBuffer b = ByteBuffer.allocate(17).put((byte) 2).putInt(17).putInt(1).putLong(-1).flip();
    assertThatThrownBy(() -> EntryPacket.decode(EntryPacket.DATA, b, 0))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("number=18446744073709551615");
  }

  @Test
  void encodeRejectsDataLongerThanOnePage() {
    ByteBuffer b = ByteBuffer.allocate(EntryPacket.MAX_LENGTH + 1);
    assertThatThrownBy(() -> EntryPacket.encode(EntryPacket.DATA, 1, 0, new byte[EntryPacket.MAX_DATA + 1], b))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length=1048560");
  }
}

package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class HeaderEntryTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void freshHeaderMatchesSpecGoldenBytes() {
    assertThat(HEX.formatHex(HeaderEntry.toBytes(StreamHeader.empty(1, 137, 1))))
        .isEqualTo("01" + "00000026" + "01" + "0000000000000089" + "0000000000000001" + "0000000000001000"
            + "0000000000000000");
  }

  @Property
  void roundTrips(@ForAll @IntRange(max = 255) int version, @ForAll long systemId, @ForAll long streamType,
      @ForAll @LongRange(min = 4096 + 17 * 4096, max = Long.MAX_VALUE) long totalLength,
      @ForAll @LongRange(max = 4096) long entries)
      throws Exception {
    StreamHeader h = new StreamHeader(version, systemId, streamType, totalLength, entries);
    ByteBuffer b = ByteBuffer.wrap(HeaderEntry.toBytes(h));
    assertThat(HeaderEntry.decode(b)).isEqualTo(h);
    assertThat(b.remaining()).isZero();
  }

  @Test
  void readsLegacy29ByteHeader() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(29).put((byte) 1).putInt(29).putLong(1).putLong(5000).putLong(3).flip();
    StreamHeader h = HeaderEntry.decode(b);
    assertThat(h).isEqualTo(new StreamHeader(0, 0, 1, 5000, 3));
    ByteBuffer tooMany = ByteBuffer.allocate(29).put((byte) 1).putInt(29).putLong(1).putLong(4096 + 34).putLong(3).flip();
    assertThatThrownBy(() -> HeaderEntry.decode(tooMany)).isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("totalEntries=3");
    assertThat(b.remaining()).isZero();
  }

  @Test
  void rejectsBadPacketTypeLengthAndRanges() {
    byte[] good = HeaderEntry.toBytes(StreamHeader.empty(1, 137, 1));
    byte[] badType = good.clone();
    badType[0] = 2;
    assertThatThrownBy(() -> HeaderEntry.decode(ByteBuffer.wrap(badType)))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("packetType=0x2");
    byte[] badLen = good.clone();
    badLen[4] = 37;
    assertThatThrownBy(() -> HeaderEntry.decode(ByteBuffer.wrap(badLen)))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("headLength=37");
    ByteBuffer lowLength = ByteBuffer.wrap(HeaderEntry.toBytes(StreamHeader.empty(1, 137, 1)));
    lowLength.putLong(HeaderEntry.OFFSET_TOTAL_LENGTH, 100);
    assertThatThrownBy(() -> HeaderEntry.decode(lowLength))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("totalLength=100");
    ByteBuffer tooManyEntries = ByteBuffer.wrap(HeaderEntry.toBytes(StreamHeader.empty(1, 137, 1)));
    tooManyEntries.putLong(HeaderEntry.OFFSET_TOTAL_ENTRIES, -1);
    assertThatThrownBy(() -> HeaderEntry.decode(tooManyEntries))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("totalEntries=18446744073709551615");
  }

  @Test
  void rejectsEveryTruncation() {
    byte[] good = HeaderEntry.toBytes(StreamHeader.empty(1, 137, 1));
    for (int cut = 0; cut < good.length; cut++) {
      ByteBuffer b = ByteBuffer.wrap(good, 0, cut).slice();
      assertThatThrownBy(() -> HeaderEntry.decode(b)).as("cut=%d", cut).isInstanceOf(EntryFormatException.class);
    }
  }
}

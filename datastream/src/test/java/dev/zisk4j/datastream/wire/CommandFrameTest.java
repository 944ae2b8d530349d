package dev.zisk4j.datastream.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CommandFrameTest {
  private static final HexFormat HEX = HexFormat.of();

  private static CommandFrame decode(byte[] bytes) throws IOException {
    return CommandFrame.read(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  @Test
  void startGoldenVectorFromSpec() throws IOException {
    byte[] frame = CommandFrame.start(1, 5);
    assertThat(HEX.formatHex(frame))
        .isEqualTo("0000000000000001" + "0000000000000001" + "0000000000000005");
    CommandFrame f = decode(frame);
    assertThat(f.command()).isEqualTo(Command.START);
    assertThat(f.streamType()).isEqualTo(1);
    assertThat(f.number()).isEqualTo(5);
    assertThat(f.isMalformed()).isFalse();
  }

  @Test
  void parameterlessAndEntryGoldenVectors() {
    assertThat(HEX.formatHex(CommandFrame.stop(1))).isEqualTo("0000000000000002" + "0000000000000001");
    assertThat(HEX.formatHex(CommandFrame.header(1))).isEqualTo("0000000000000003" + "0000000000000001");
    assertThat(HEX.formatHex(CommandFrame.entry(1, 0x1234)))
        .isEqualTo("0000000000000005" + "0000000000000001" + "0000000000001234");
  }

  @Test
  void bookmarkGoldenVectors() throws IOException {
    byte[] bm = HEX.parseHex("000100000000000000");
    assertThat(HEX.formatHex(CommandFrame.startBookmark(1, bm)))
        .isEqualTo("0000000000000004" + "0000000000000001" + "00000009" + "000100000000000000");
    assertThat(HEX.formatHex(CommandFrame.bookmark(1, bm)))
        .isEqualTo("0000000000000006" + "0000000000000001" + "00000009" + "000100000000000000");
    assertThat(HEX.formatHex(CommandFrame.rangeBookmark(1, HEX.parseHex("01"), HEX.parseHex("0203"))))
        .isEqualTo("0000000000000007" + "0000000000000001" + "00000001" + "01" + "00000002" + "0203");
    CommandFrame f = decode(CommandFrame.rangeBookmark(1, HEX.parseHex("01"), HEX.parseHex("0203")));
    assertThat(f.bookmark()).containsExactly(1);
    assertThat(f.toBookmark()).containsExactly(2, 3);
  }

  @Test
  void encoderRejectsBookmarkLengthsOutsideOneToSixteen() {
    assertThatThrownBy(() -> CommandFrame.bookmark(1, new byte[0])).hasMessageContaining("length=0");
    assertThatThrownBy(() -> CommandFrame.startBookmark(1, new byte[17])).hasMessageContaining("length=17");
    assertThat(CommandFrame.bookmark(1, new byte[16])).hasSize(16 + 4 + 16);
  }

  @Test
  void badBookmarkLengthsAreConsumedAndFlaggedSoTheNextFrameParses() throws IOException {
    for (int len : new int[] {0, 17, 4096}) {
      byte[] bad = java.nio.ByteBuffer.allocate(20 + len + 16)
          .putLong(4).putLong(1).putInt(len).put(new byte[len])
          .put(CommandFrame.header(1))
          .array();
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bad));
      CommandFrame first = CommandFrame.read(in);
      assertThat(first.isMalformed()).as("len=%d", len).isTrue();
      assertThat(first.malformed()).contains("length=" + len);
      assertThat(CommandFrame.read(in).command()).isEqualTo(Command.HEADER);
    }
  }

  @Test
  void hostileBookmarkLengthIsUnrecoverable() {
    byte[] bad = java.nio.ByteBuffer.allocate(20).putLong(6).putLong(1).putInt(0xFFFFFFFF).array();
    assertThatThrownBy(() -> decode(bad))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("length=4294967295");
  }

  @Test
  void unknownCodeHasNoParameters() throws IOException {
    CommandFrame f = decode(CommandFrame.raw(100, 1));
    assertThat(f.command()).isNull();
    assertThat(f.code()).isEqualTo(100);
    assertThat(decode(CommandFrame.raw(-1, 1)).command()).isNull();
    assertThat(decode(CommandFrame.raw(0, 1)).command()).isNull();
  }

  @Test
  void truncatedFramesAreEof() {
    byte[] start = CommandFrame.start(1, 7);
    for (int cut = 0; cut < start.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(start, cut);
      assertThatThrownBy(() -> decode(part)).as("cut=%d", cut).isInstanceOf(EOFException.class);
    }
  }

  @Property
  void startAndEntryRoundTrip(@ForAll long streamType, @ForAll long number) throws IOException {
    assertThat(decode(CommandFrame.start(streamType, number)))
        .isEqualTo(new CommandFrame(1, streamType, number, null, null, null));
    assertThat(decode(CommandFrame.entry(streamType, number)))
        .isEqualTo(new CommandFrame(5, streamType, number, null, null, null));
  }

  @Property
  void bookmarkRoundTrip(@ForAll long streamType, @ForAll @Size(min = 1, max = 16) byte[] bm)
      throws IOException {
    assertThat(decode(CommandFrame.bookmark(streamType, bm)))
        .isEqualTo(new CommandFrame(6, streamType, 0, bm, null, null));
    assertThat(decode(CommandFrame.startBookmark(streamType, bm)))
        .isEqualTo(new CommandFrame(4, streamType, 0, bm, null, null));
  }

  @Property
  void arbitraryBytesDecodeOrFailWithIoExceptionOnly(@ForAll @Size(max = 64) byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      while (true) {
        CommandFrame f = CommandFrame.read(in);
        assertThat(f.bookmark() == null || f.bookmark().length <= CommandFrame.MAX_SKIPPABLE_BOOKMARK_BYTES).isTrue();
      }
    } catch (IOException expected) {
      // EOF or malformed: the only allowed failures
    }
  }
}

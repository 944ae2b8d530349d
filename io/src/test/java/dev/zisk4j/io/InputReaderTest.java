package dev.zisk4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.bincode.Bincode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Delivers its bytes one at a time, as a slow transport would. */
  private static InputStream trickle(byte[] bytes) {
    return new InputStream() {
      int i;

      @Override
      public int read() {
        return i < bytes.length ? bytes[i++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
  }

  @Test
  void readsRecordsTypedValuesAndACleanEnd() throws IOException {
    ZiskStdin in = new ZiskStdin();
    in.write(Bincode.U64, 3L);
    in.write(Bincode.STRING, "hi");
    in.writeSlice(new byte[0]);
    try (InputReader r = InputReader.over(trickle(in.bytes()), InputReader.Options.DEFAULT)) {
      assertThat(r.read(Bincode.U64)).isEqualTo(3L);
      assertThat(r.read(Bincode.STRING)).isEqualTo("hi");
      assertThat(r.readSlice()).isEmpty();
      assertThat(r.position()).isEqualTo(40);
      assertThat(r.hasMore()).isFalse();
      assertThatThrownBy(r::readSlice).isInstanceOf(EndOfInputException.class).hasMessageContaining("offset=40");
    }
  }

  @Test
  void truncatedHeaderNamesOffsetAndMissingBytes() {
    byte[] input = concat(RecordFraming.frame(new byte[] {1}), HEX.parseHex("010000"));
    InputReader r = InputReader.of(input);
    assertThatThrownBy(() -> {
      r.readSlice();
      r.readSlice();
    }).isInstanceOf(InputFormatException.class)
        .hasMessageContaining("truncated record header").hasMessageContaining("missing=5")
        .hasMessageContaining("offset=16");
  }

  @Test
  void truncatedPayloadAndPaddingAreErrors() {
    byte[] full = RecordFraming.frame(new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> InputReader.of(Arrays.copyOf(full, 10)).readSlice())
        .isInstanceOf(InputFormatException.class).hasMessageContaining("truncated record payload")
        .hasMessageContaining("missing=3");
    assertThatThrownBy(() -> InputReader.of(Arrays.copyOf(full, 14)).readSlice())
        .isInstanceOf(InputFormatException.class).hasMessageContaining("truncated record padding")
        .hasMessageContaining("missing=2");
  }

  @Test
  void oversizedLengthIsRejectedBeforeAllocation() {
    byte[] header = new byte[8];
    RecordFraming.putHeader(header, 0, -1L);
    assertThatThrownBy(() -> InputReader.of(header).readSlice()).isInstanceOf(InputFormatException.class)
        .hasMessageContaining("length=18446744073709551615").hasMessageContaining("max=1073741824");
    RecordFraming.putHeader(header, 0, 1001);
    InputReader small = InputReader.over(new java.io.ByteArrayInputStream(header),
        InputReader.Options.DEFAULT.withMaxPayloadBytes(1000));
    assertThatThrownBy(small::readSlice).hasMessageContaining("length=1001, max=1000");
  }

  @Test
  void nonZeroPaddingIsRejected() {
    byte[] rec = RecordFraming.frame(new byte[] {7});
    rec[15] = 1;
    assertThatThrownBy(() -> InputReader.of(rec).readSlice()).isInstanceOf(InputFormatException.class)
        .hasMessageContaining("non-zero record padding").hasMessageContaining("offset=15");
  }

  @Test
  void undecodableTypedValueNamesTheRecord() {
    byte[] input = concat(RecordFraming.frame(new byte[] {1}), RecordFraming.frame(new byte[] {(byte) 0xff}));
    InputReader r = InputReader.of(input);
    assertThatThrownBy(() -> {
      r.read(Bincode.U64);
      r.read(Bincode.U64);
    }).isInstanceOf(InputFormatException.class).hasMessageContaining("offset=16")
        .hasMessageContaining("invalid varint marker");
  }

  @Property(tries = 300)
  void garbageNeverCrashesOnlyFailsCleanly(@ForAll @Size(max = 200) byte[] garbage) {
    InputReader r = InputReader.over(new java.io.ByteArrayInputStream(garbage),
        InputReader.Options.DEFAULT.withMaxPayloadBytes(1 << 16));
    try {
      while (r.hasMore()) {
        r.readSlice();
      }
      assertThat(r.position()).isEqualTo(garbage.length);
    } catch (InputFormatException e) {
      assertThat(e.offset()).isBetween(0L, (long) garbage.length);
    } catch (IOException e) {
      throw new AssertionError("unexpected failure kind", e);
    }
  }

  @Test
  void rawBytesAndWords() throws IOException {
    byte[] input = HEX.parseHex("0102030405060708" + "aabbcc");
    InputReader r = InputReader.of(input);
    assertThat(r.readWord()).isEqualTo(0x0807060504030201L);
    assertThat(r.readBytes(2)).containsExactly(0xaa, 0xbb);
    assertThatThrownBy(() -> r.readBytes(4)).isInstanceOf(InputFormatException.class).hasMessageContaining("missing=3");
    InputReader end = InputReader.of(new byte[0]);
    assertThatThrownBy(end::readWord).isInstanceOf(EndOfInputException.class);
    assertThatThrownBy(() -> InputReader.of(new byte[3]).readWord()).isInstanceOf(InputFormatException.class);
  }

  @Test
  void readWordsZeroPadsTheFinalPartialWordAndThenEnds() throws IOException {
    byte[] input = HEX.parseHex("0100000000000000" + "0200000000000000" + "0304");
    InputReader r = InputReader.of(input);
    long[] dst = new long[8];
    int total = 0;
    int n;
    while ((n = r.readWords(dst, total, dst.length - total)) > 0) {
      total += n;
    }
    assertThat(n).isEqualTo(-1);
    assertThat(Arrays.copyOf(dst, total)).containsExactly(1L, 2L, 0x0403L);
  }

  private static long[] recordWords(String hex) throws IOException {
    InputReader r = InputReader.over(trickle(HEX.parseHex(hex)), InputReader.Options.DEFAULT);
    long[] dst = new long[16];
    int total = 0;
    int n;
    while ((n = r.readRecordWords(dst, total, dst.length - total)) > 0) {
      total += n;
    }
    return Arrays.copyOf(dst, total);
  }

  @Test
  void readRecordWordsPassesWellFramedWordsAndChecksTheRest() throws IOException {
    // a 3-byte record (zero padding), an empty record, an 8-byte record
    assertThat(recordWords("0300000000000000" + "0268690000000000" + "0000000000000000" + "0800000000000000"
        + "0102030405060708")).containsExactly(3L, 0x696802L, 0L, 8L, 0x0807060504030201L);
    assertThat(recordWords("")).isEmpty();
    assertThatThrownBy(() -> recordWords("0300000000000000" + "0268690000010000"))
        .isInstanceOf(InputFormatException.class).hasMessageContaining("non-zero record padding")
        .hasMessageContaining("(offset=13)");
    assertThatThrownBy(() -> recordWords("0100000000000000" + "0700000000000000" + "1000000000000000" + "01020304"))
        .isInstanceOf(InputFormatException.class).hasMessageContaining("truncated record payload: length=16, received=4")
        .hasMessageContaining("(offset=16)");
    assertThatThrownBy(() -> recordWords("0100000000000000" + "0700000000000000" + "0304"))
        .isInstanceOf(InputFormatException.class).hasMessageContaining("truncated record header")
        .hasMessageContaining("(offset=16)");
    assertThatThrownBy(() -> recordWords("ffffffffffffff7f"))
        .isInstanceOf(InputFormatException.class).hasMessageContaining("record length exceeds maximum");
  }

  @Test
  void readWordsBlocksUntilAWholeWordFromATrickle() throws IOException {
    InputReader r = InputReader.over(trickle(HEX.parseHex("0102030405060708")), InputReader.Options.DEFAULT);
    long[] dst = new long[1];
    assertThat(r.readWords(dst, 0, 1)).isEqualTo(1);
    assertThat(dst[0]).isEqualTo(0x0807060504030201L);
    assertThat(r.readWords(dst, 0, 1)).isEqualTo(-1);
  }

  @Test
  void opensFileUrisAndBarePaths(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("in.bin");
    Files.write(f, RecordFraming.frame(new byte[] {5}));
    try (InputReader r = InputReader.open(f.toUri())) {
      assertThat(r.readSlice()).containsExactly(5);
    }
    try (InputReader r = InputReader.open(URI.create(f.toString()))) {
      assertThat(r.readSlice()).containsExactly(5);
    }
  }

  @Test
  void unknownAndUnbuiltSchemesFailLoudly() {
    assertThatThrownBy(() -> InputReader.open(URI.create("http://x/y"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheme=http");
    assertThatThrownBy(() -> InputReader.open(URI.create("grpc://push")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("push pseudo-URI");
  }

  @Test
  void largeRecordsBypassTheBuffer() throws IOException {
    byte[] payload = new byte[300_000];
    new java.util.Random(1).nextBytes(payload);
    InputReader r = InputReader.of(concat(RecordFraming.frame(payload), RecordFraming.frame(new byte[] {9})));
    assertThat(r.readSlice()).isEqualTo(payload);
    assertThat(r.readSlice()).containsExactly(9);
    assertThat(r.position()).isEqualTo(RecordFraming.recordBytes(300_000) + 16);
  }
}

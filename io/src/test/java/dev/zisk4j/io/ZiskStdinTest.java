package dev.zisk4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.bincode.Bincode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZiskStdinTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void writeFramesEachValueAsOneRecord() {
    ZiskStdin s = new ZiskStdin();
    for (int i = 0; i < 800; i++) {
      s.write(Bincode.U32, (long) i * 1000);
    }
    assertThat(s.size()).isEqualTo(800 * 16);
  }

  @Test
  void fromBytesIsOneRecordAndReadBytesWalksRecords() throws IOException {
    ZiskStdin s = ZiskStdin.fromBytes(new byte[] {1, 2, 3});
    assertThat(HEX.formatHex(s.bytes())).isEqualTo("0300000000000000" + "0102030000000000");
    s.writeSlice(new byte[] {4});
    assertThat(s.readBytes()).containsExactly(1, 2, 3);
    assertThat(s.readBytes()).containsExactly(4);
    assertThatThrownBy(s::readBytes).isInstanceOf(EndOfInputException.class).hasMessageContaining("offset=32");
  }

  @Test
  void fromFileIsVerbatimAndSaveIsAtomicAndExact(@TempDir Path dir) throws IOException {
    ZiskStdin s = new ZiskStdin();
    s.write(Bincode.STRING, "hello");
    s.write(Bincode.U64, -1L);
    Path f = dir.resolve("input.bin");
    Files.write(f, new byte[] {9, 9, 9});
    s.save(f);
    assertThat(Files.readAllBytes(f)).isEqualTo(s.bytes());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
    ZiskStdin loaded = ZiskStdin.fromFile(f);
    assertThat(loaded.bytes()).isEqualTo(s.bytes());
    assertThat(loaded.openReader().read(Bincode.STRING)).isEqualTo("hello");
  }

  @Test
  void fromFileKeepsMalformedBytesAndReadingReportsThem(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.bin");
    Files.write(f, HEX.parseHex("0500000000000000" + "0102"));
    ZiskStdin s = ZiskStdin.fromFile(f);
    assertThat(s.size()).isEqualTo(10);
    assertThatThrownBy(s::readBytes).isInstanceOf(InputFormatException.class)
        .hasMessageContaining("truncated record payload");
  }

  @Test
  void fromUriTakesFilesBarePathsAndNothingElse(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("in.bin");
    Files.write(f, RecordFraming.frame(new byte[] {4}));
    assertThat(ZiskStdin.fromUri(f.toUri()).readBytes()).containsExactly(4);
    assertThat(ZiskStdin.fromUri(java.net.URI.create(f.toString())).readBytes()).containsExactly(4);
    assertThat(ZiskStdin.fromUri(null).size()).isZero();
    assertThatThrownBy(() -> ZiskStdin.fromUri(java.net.URI.create("unix:///tmp/x.sock")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file://");
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> ZiskStdin.fromFile(dir.resolve("nope.bin"))).isInstanceOf(IOException.class)
        .hasMessageContaining("nope.bin");
  }
}

package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the Go fixtures' atomic operations (5 entries each) through our producer and checks that
 * the file is byte-identical to the Go server's full-size file (the fixture zero-extended).
 */
class GoFixtureWriteTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"small50ops", "pagecross4000ops"})
  void producerWritesTheGoServersBytes(String name) throws Exception {
    Path out = dir.resolve(name + ".bin");
    try (DataStream src = DataStream.openReadOnly(Fixtures.file(name + ".bin"));
         DataStream dst = DataStream.open(out, DataStreamConfig.defaults().withDurability(Durability.OS));
         EntryCursor c = src.cursor(0)) {
      StreamEntry e;
      int inOp = 0;
      while ((e = c.next()) != null) {
        if (inOp == 0) {
          dst.startAtomicOp();
        }
        long n = e.isBookmark() ? dst.addBookmark(e.data()) : dst.addEntry(e.type(), e.data());
        assertThat(n).isEqualTo(e.number());
        if (++inOp == 5) {
          dst.commitAtomicOp();
          inOp = 0;
        }
      }
      assertThat(dst.header()).isEqualTo(src.header());
    }
    byte[] fixture = Files.readAllBytes(Fixtures.file(name + ".bin"));
    assertThat(Files.size(out)).isEqualTo(StreamFileLayout.INITIAL_FILE_BYTES);
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(fixture.length);
      ch.read(head, 0);
      assertThat(Arrays.equals(head.array(), fixture)).as("first TotalLength bytes identical").isTrue();
      ByteBuffer rest = ByteBuffer.allocate(1 << 20);
      long pos = fixture.length;
      while (pos < ch.size()) {
        rest.clear();
        int n = ch.read(rest, pos);
        for (int i = 0; i < n; i++) {
          if (rest.get(i) != 0) {
            throw new AssertionError("non-zero byte past TotalLength at offset " + (pos + i));
          }
        }
        pos += n;
      }
    }
  }
}

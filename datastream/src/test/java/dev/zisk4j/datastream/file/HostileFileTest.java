package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Mutated Go fixture files: whatever bytes are flipped, opening and reading either works (and
 * every entry read is well-formed and in sequence) or fails with a format exception naming the
 * problem; never another exception, a hang or a huge allocation.
 */
class HostileFileTest {
  private static final byte[] ORIGINAL = read();

  private static byte[] read() {
    try {
      return Files.readAllBytes(Fixtures.file("small50ops.bin"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 200)
  void mutatedFilesReadCleanlyOrFailWithAFormatError(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 21_095) Integer> offsets,
      @ForAll @Size(min = 8, max = 8) List<@IntRange(min = 0, max = 255) Integer> values) throws Exception {
    byte[] bytes = ORIGINAL.clone();
    for (int i = 0; i < offsets.size(); i++) {
      // Bias half the hits to the header entry and entry prefixes, where a flip changes structure.
      int at = i % 2 == 0 ? offsets.get(i) : 16 + offsets.get(i) % 60;
      bytes[at] = (byte) (int) values.get(i);
    }
    Path dir = Files.createTempDirectory("hostile");
    Path f = dir.resolve("h.bin");
    Files.write(f, bytes);
    try {
      readEverything(f);
    } finally {
      Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }

  @Property(tries = 50)
  void truncatedFilesFailCleanly(@ForAll @IntRange(min = 0, max = 21_095) int length) throws Exception {
    Path dir = Files.createTempDirectory("hostile");
    Path f = dir.resolve("t.bin");
    Files.write(f, java.util.Arrays.copyOf(ORIGINAL, length));
    try {
      readEverything(f);
    } finally {
      Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }

  private static void readEverything(Path f) throws Exception {
    try (DataStream s = DataStream.openReadOnly(f)) {
      long total = s.header().totalEntries();
      try (EntryCursor c = s.cursor(0)) {
        long n = 0;
        StreamEntry e;
        while ((e = c.next()) != null) {
          assertThat(e.number()).isEqualTo(n++);
        }
        assertThat(n).isEqualTo(total);
      }
      for (long n = 0; n < total; n += 17) {
        assertThat(s.entry(n).number()).isEqualTo(n);
      }
    } catch (EntryFormatException expected) {
      assertThat(expected.getMessage()).containsAnyOf("offset=", "size=", "totalLength=", "magic", "header");
    }
  }
}

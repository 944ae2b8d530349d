package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random entry sizes against a model of spec §2.3: every entry lands where the model says, the
 * first byte after a padded page end is the single 0x00 padding byte, and everything reads back
 * sequentially and by number.
 */
class PlacementPropertyTest {
  @Property(tries = 25)
  void entriesLandWhereTheSpecPlacesThem(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 400_000) Integer> sizes) throws Exception {
    Path dir = Files.createTempDirectory("placement");
    Path f = dir.resolve("p.bin");
    long[] offsets = new long[sizes.size()];
    long pos = StreamFileLayout.HEADER_PAGE_BYTES;
    for (int i = 0; i < sizes.size(); i++) {
      int len = EntryPacket.HEADER_BYTES + sizes.get(i);
      offsets[i] = StreamFileLayout.placement(pos, len);
      pos = offsets[i] + len;
    }
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults().withDurability(Durability.OS))) {
      s.startAtomicOp();
      for (int i = 0; i < sizes.size(); i++) {
        s.addEntry(i, content(i, sizes.get(i)));
        if (i % 7 == 6) {
          s.commitAtomicOp();
          s.startAtomicOp();
        }
      }
      s.commitAtomicOp();
      assertThat(s.header().totalLength()).isEqualTo(pos);
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        for (int i = 0; i < sizes.size(); i++) {
          ByteBuffer prefix = ByteBuffer.allocate(17);
          ch.read(prefix, offsets[i]);
          assertThat(prefix.get(0)).isEqualTo(EntryPacket.DATA);
          assertThat(prefix.getLong(9)).isEqualTo(i);
          long end = i == 0 ? StreamFileLayout.HEADER_PAGE_BYTES : offsets[i - 1] + 17 + sizes.get(i - 1);
          if (end != offsets[i]) {
            ByteBuffer pad = ByteBuffer.allocate(1);
            ch.read(pad, end);
            assertThat(pad.get(0)).as("padding byte before entry %d", i).isEqualTo(EntryPacket.PADDING);
          }
        }
      }
      try (EntryCursor c = s.cursor(0)) {
        for (int i = 0; i < sizes.size(); i++) {
          StreamEntry e = c.next();
          assertThat(e.number()).isEqualTo(i);
          assertThat(e.data()).isEqualTo(content(i, sizes.get(i)));
        }
        assertThat(c.next()).isNull();
      }
      for (int i = sizes.size() - 1; i >= 0; i -= 3) {
        assertThat(s.entry(i).data()).isEqualTo(content(i, sizes.get(i)));
      }
    } finally {
      Files.deleteIfExists(dev.zisk4j.datastream.index.BookmarkIndex.logPathFor(f));
      Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }

  private static byte[] content(int i, int size) {
    byte[] b = new byte[size];
    for (int k = 0; k < size; k += 997) {
      b[k] = (byte) (i + k);
    }
    return b;
  }
}

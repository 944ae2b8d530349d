package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.datastream.index.BookmarkIndex;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reopening after a crash: the header alone defines the state, stale bytes past it are never read,
 * and the bookmark index is repaired from the file whichever of the two files is ahead.
 * A "crash" here is {@code abandon()} (files closed with nothing finished, as after a process kill)
 * or a restored copy of one of the files (as if its writes were lost); {@link CrashTest} kills real processes.
 */
class RecoveryTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static void writeOp(DataStream s, String... items) throws Exception {
    s.startAtomicOp();
    for (String it : items) {
      if (it.startsWith("#")) {
        s.addBookmark(b(it));
      } else {
        s.addEntry(1, b(it));
      }
    }
    s.commitAtomicOp();
  }

  private static long count(DataStream s) throws Exception {
    long n = 0;
    try (EntryCursor c = s.cursor(0)) {
      while (c.next() != null) {
        n++;
      }
    }
    return n;
  }

  @Test
  void uncommittedEntriesPastTheHeaderAreInvisibleAndOverwritten() throws Exception {
    Path f = dir.resolve("s.bin");
    DataStream crashed = DataStream.open(f, DataStreamConfig.defaults());
    writeOp(crashed, "#bm0", "a", "b");
    crashed.startAtomicOp();
    crashed.addBookmark(b("#uncommitted"));
    crashed.addEntry(1, new byte[EntryPacket.MAX_DATA]); // forces the staged bytes out to the file
    crashed.addEntry(1, new byte[EntryPacket.MAX_DATA]);
    assertThatThrownBy(() -> DataStream.open(f, DataStreamConfig.defaults()))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("in use by another writer");
    crashed.abandon();
    long staleStart;
    try (DataStream reopened = DataStream.open(f, DataStreamConfig.defaults())) {
      staleStart = reopened.header().totalLength();
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        ByteBuffer first = ByteBuffer.allocate(1);
        ch.read(first, staleStart);
        assertThat(first.get(0)).as("a well-formed uncommitted entry sits past the end").isEqualTo(EntryPacket.DATA);
      }
      assertThat(reopened.header().totalEntries()).isEqualTo(3);
      assertThat(count(reopened)).as("stops at number == totalEntries, not one further").isEqualTo(3);
      assertThat(reopened.bookmark(b("#uncommitted"))).isEmpty();
      assertThatThrownBy(() -> reopened.entry(3)).isInstanceOf(IllegalArgumentException.class);
      writeOp(reopened, "c");
      assertThat(reopened.entry(3).data()).isEqualTo(b("c"));
      assertThat(reopened.header().totalLength()).isEqualTo(staleStart + 18);
    }
  }

  @Test
  void rolledBackBytesStayInTheFileButAreNeverRead() throws Exception {
    Path f = dir.resolve("s.bin");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      writeOp(s, "a");
      s.startAtomicOp();
      s.addEntry(1, new byte[EntryPacket.MAX_DATA]);
      s.addEntry(1, new byte[EntryPacket.MAX_DATA]);
      s.rollbackAtomicOp();
      try (EntryCursor c = s.cursor(0)) {
        assertThat(c.next().data()).isEqualTo(b("a"));
        assertThat(c.next()).isNull();
        writeOp(s, "b");
        assertThat(c.next().data()).as("the cursor continues after a new commit").isEqualTo(b("b"));
        assertThat(c.next()).isNull();
      }
    }
  }

  @Test
  void corruptHeaderPagesAreRejectedWithTheirReason() throws Exception {
    Path f = dir.resolve("s.bin");
    DataStream.open(f, DataStreamConfig.defaults()).close();
    Path badMagic = dir.resolve("magic.bin");
    Files.copy(f, badMagic);
    try (FileChannel ch = FileChannel.open(badMagic, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(b("X")), 0);
    }
    assertThatThrownBy(() -> DataStream.open(badMagic, DataStreamConfig.defaults()))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("bad magic");
    Path tooShort = dir.resolve("short.bin");
    Files.write(tooShort, new byte[100]);
    assertThatThrownBy(() -> DataStream.openReadOnly(tooShort))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("size=100");
    Path beyond = dir.resolve("beyond.bin");
    Files.copy(f, beyond);
    try (FileChannel ch = FileChannel.open(beyond, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(8).putLong(0, 1L << 40), 16 + HeaderEntry.OFFSET_TOTAL_LENGTH);
    }
    assertThatThrownBy(() -> DataStream.open(beyond, DataStreamConfig.defaults()))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("totalLength=1099511627776");
  }

  @Test
  void aPageThatDoesNotStartWithAnEntryIsReportedByOffset() throws Exception {
    Path f = dir.resolve("s.bin");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      for (int i = 0; i < 3; i++) {
        writeOp(s, new String(new byte[600_000], StandardCharsets.US_ASCII));
      }
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {7}), StreamFileLayout.pageStart(1));
    }
    // Opening scans the bookmarks (no log beside a read-only open) and meets the bad byte.
    assertThatThrownBy(() -> DataStream.openReadOnly(f)).isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("offset=" + StreamFileLayout.pageStart(1)).hasMessageContaining("packetType=0x7");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      // The writable open trusts its bookmark log, so the damage shows on the first lookup that reaches it.
      assertThatThrownBy(() -> s.entry(2)).isInstanceOf(EntryFormatException.class)
          .hasMessageContaining("page=1").hasMessageContaining("packetType=0x7");
    }
  }

  @Test
  void bookmarkLogMissingIsRebuiltFromTheFile() throws Exception {
    Path f = dir.resolve("s.bin");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      writeOp(s, "#a", "x", "#b");
    }
    Files.delete(BookmarkIndex.logPathFor(f));
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.bookmark(b("#a"))).hasValue(0);
      assertThat(s.bookmark(b("#b"))).hasValue(2);
    }
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.bookmarkRepair().changedAnything()).as("the rebuilt log is used next time").isFalse();
      assertThat(s.bookmark(b("#b"))).hasValue(2);
    }
  }

  @Test
  void bookmarkLogAheadOfTheFileLosesTheRowsTheFileDoesNotHave() throws Exception {
    Path f = dir.resolve("s.bin");
    Path oldFile = dir.resolve("old.bin");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      writeOp(s, "#a", "x");
      Files.copy(f, oldFile);
      writeOp(s, "#b", "y");
    }
    Files.copy(oldFile, f, StandardCopyOption.REPLACE_EXISTING);
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.header().totalEntries()).isEqualTo(2);
      assertThat(s.bookmark(b("#a"))).hasValue(0);
      assertThat(s.bookmark(b("#b"))).isEmpty();
      assertThat(s.bookmarkRepair().droppedRows()).isEqualTo(1);
      writeOp(s, "z", "w");
      assertThat(s.bookmark(b("#b"))).as("no stale row resurfaces").isEmpty();
    }
  }

  @Test
  void fileAheadOfTheBookmarkLogGetsItsBookmarksScanned() throws Exception {
    Path f = dir.resolve("s.bin");
    Path log = BookmarkIndex.logPathFor(f);
    Path oldLog = dir.resolve("old.bookmarks");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      writeOp(s, "#a", "x");
      Files.copy(log, oldLog);
      writeOp(s, "#b", "y");
    }
    Files.copy(oldLog, log, StandardCopyOption.REPLACE_EXISTING);
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.bookmark(b("#b"))).hasValue(2);
      assertThat(s.bookmarkRepair().scannedTo()).isEqualTo(4);
    }
  }

  @Test
  void tornOrCorruptLogTailIsCutAndRescanned() throws Exception {
    Path f = dir.resolve("s.bin");
    Path log = BookmarkIndex.logPathFor(f);
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      for (int i = 0; i < 10; i++) {
        writeOp(s, "#bm" + i, "x" + i);
      }
    }
    byte[] bytes = Files.readAllBytes(log);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(log, bytes);
    Files.write(log, new byte[] {1, 0, 0}, StandardOpenOption.APPEND);
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.bookmarkRepair().droppedLogBytes()).isPositive();
      for (int i = 0; i < 10; i++) {
        assertThat(s.bookmark(b("#bm" + i))).hasValue(2L * i);
      }
    }
  }

  @Test
  void truncateInterruptedBeforeTheHeaderWriteKeepsTheFileTruth() throws Exception {
    Path f = dir.resolve("s.bin");
    Path beforeTruncate = dir.resolve("before.bin");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      writeOp(s, "#a", "x", "#b", "y");
      Files.copy(f, beforeTruncate);
      s.truncate(2);
      assertThat(s.bookmark(b("#b"))).isEmpty();
    }
    // The log has the TRUNCATE record; the stream file lost the header write.
    Files.copy(beforeTruncate, f, StandardCopyOption.REPLACE_EXISTING);
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.header().totalEntries()).isEqualTo(4);
      assertThat(s.bookmark(b("#b"))).hasValue(2);
    }
  }

  @Test
  void rewriteInterruptedAfterTheLogRecordReadsTheBookmarkBack() throws Exception {
    Path f = dir.resolve("s.bin");
    Path beforeUpdate = dir.resolve("before.bin");
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      writeOp(s, "#old", "x");
      Files.copy(f, beforeUpdate);
      s.updateEntryData(0, StreamEntry.BOOKMARK_TYPE, b("#new"));
    }
    Files.copy(beforeUpdate, f, StandardCopyOption.REPLACE_EXISTING);
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.bookmark(b("#old"))).hasValue(0);
      assertThat(s.bookmark(b("#new"))).isEmpty();
      assertThat(s.bookmarkRepair().rechecked()).isEqualTo(1);
    }
  }

  @Test
  void legacyHeaderFilesAreReadableButNotWritable() throws Exception {
    Path f = dir.resolve("legacy.bin");
    ByteBuffer page = ByteBuffer.allocate(4096 + 17 + 2);
    page.put(StreamFileLayout.MAGIC).put((byte) 1).putInt(29).putLong(1).putLong(4096 + 19).putLong(1);
    page.position(4096);
    EntryPacket.encode(EntryPacket.DATA, new StreamEntry(0, 5, b("hi")), page);
    Files.write(f, page.array());
    try (DataStream s = DataStream.openReadOnly(f)) {
      assertThat(s.hasLegacyHeader()).isTrue();
      assertThat(s.header()).isEqualTo(new StreamHeader(0, 0, 1, 4115, 1));
      assertThat(s.entry(0)).isEqualTo(new StreamEntry(0, 5, b("hi")));
    }
    assertThatThrownBy(() -> DataStream.open(f, DataStreamConfig.defaults()))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("legacy 29-byte header");
  }

  @Test
  void aFixtureCutToItsCommittedLengthCanBeAppendedTo() throws Exception {
    Path f = dir.resolve("small.bin");
    Files.copy(Fixtures.file("small50ops.bin"), f);
    f.toFile().setWritable(true);
    try (DataStream s = DataStream.open(f, DataStreamConfig.defaults())) {
      assertThat(s.bookmarks()).hasSize(100);
      writeOp(s, "#more", "x");
      assertThat(s.entry(251).data()).isEqualTo(b("x"));
    }
    assertThat(Files.size(f)).isEqualTo(StreamFileLayout.INITIAL_FILE_BYTES - 99L * (1 << 20) + 0);
  }
}

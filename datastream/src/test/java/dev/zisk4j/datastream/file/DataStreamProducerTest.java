package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.datastream.file.ProducerRuleException.Rule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The producer API rules of spec §5, following the Go reference's TestServer, in both durability modes. */
class DataStreamProducerTest {
  @TempDir Path dir;
  private DataStream s;

  @BeforeEach
  void open() throws Exception {
    s = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults());
  }

  @AfterEach
  void close() throws Exception {
    s.close();
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static void assertRule(ThrowingCallable call, Rule rule) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ProducerRuleException.class, e -> assertThat(e.rule()).isEqualTo(rule));
  }

  @Test
  void newFileHasTheReferenceSizeAndAnEmptyHeader() throws Exception {
    assertThat(Files.size(dir.resolve("s.bin"))).isEqualTo(4096 + 100L * (1 << 20));
    assertThat(s.header()).isEqualTo(new StreamHeader(1, 137, 1, 4096, 0));
  }

  @Test
  void callsOutsideAnOpFail() {
    assertRule(() -> s.addEntry(1, b("x")), Rule.NO_ATOMIC_OP);
    assertRule(() -> s.addBookmark(b("x")), Rule.NO_ATOMIC_OP);
    assertRule(() -> s.commitAtomicOp(), Rule.NO_ATOMIC_OP);
    assertRule(() -> s.rollbackAtomicOp(), Rule.NO_ATOMIC_OP);
    assertRule(() -> s.nextEntryNumber(), Rule.NO_ATOMIC_OP);
  }

  @Test
  void nestedStartFails() {
    s.startAtomicOp();
    assertRule(() -> s.startAtomicOp(), Rule.ATOMIC_OP_IN_PROGRESS);
    s.rollbackAtomicOp();
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void numbersEntriesAndFindsDataBetweenBookmarks(Durability d) throws Exception {
    s.close();
    s = DataStream.open(dir.resolve("d.bin"), DataStreamConfig.defaults().withDurability(d));
    s.startAtomicOp();
    assertThat(s.nextEntryNumber()).isZero();
    assertThat(s.addBookmark(b("bm1"))).isEqualTo(0);
    assertThat(s.nextEntryNumber()).isEqualTo(1);
    assertThat(s.addEntry(1, b("aaa"))).isEqualTo(1);
    assertThat(s.addEntry(2, b("bb"))).isEqualTo(2);
    assertThat(s.addBookmark(b("bm2"))).isEqualTo(3);
    assertThat(s.addEntry(3, b("c"))).isEqualTo(4);
    assertThat(s.bookmark(b("bm1"))).as("invisible before commit").isEmpty();
    assertThat(s.header().totalEntries()).isZero();
    s.commitAtomicOp();
    assertThat(s.header().totalEntries()).isEqualTo(5);
    assertThat(s.header().totalLength()).isEqualTo(4096 + 5 * 17 + 3 + 3 + 2 + 3 + 1);
    assertThat(s.bookmark(b("bm1"))).hasValue(0);
    assertThat(s.bookmark(b("bm2"))).hasValue(3);
    assertThat(s.bookmark(b("nope"))).isEmpty();
    assertThat(s.dataBetweenBookmarks(b("bm1"), b("bm2"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("aaabb")));
    assertThatThrownBy(() -> s.dataBetweenBookmarks(b("bm2"), b("bm1"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(s.firstEventAfterBookmark(b("bm2"))).hasValueSatisfying(e -> assertThat(e.number()).isEqualTo(4));
    assertThat(s.entry(2)).isEqualTo(new StreamEntry(2, 2, b("bb")));
    assertThatThrownBy(() -> s.entry(5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=5");
  }

  @Test
  void firstEventAfterBookmarkReturnsTheLastBookmarkWhenOnlyBookmarksFollow() throws Exception {
    s.startAtomicOp();
    s.addBookmark(b("a"));
    s.addBookmark(b("b"));
    s.commitAtomicOp();
    assertThat(s.firstEventAfterBookmark(b("a"))).hasValueSatisfying(e -> assertThat(e.number()).isEqualTo(1));
  }

  @Test
  void rollbackDiscardsEntriesAndBookmarksAndASecondRollbackFails() throws Exception {
    s.startAtomicOp();
    s.addEntry(1, b("keep"));
    s.commitAtomicOp();
    s.startAtomicOp();
    assertThat(s.addBookmark(b("gone"))).isEqualTo(1);
    s.addEntry(1, b("gone"));
    s.rollbackAtomicOp();
    assertRule(() -> s.rollbackAtomicOp(), Rule.NO_ATOMIC_OP);
    assertThat(s.header().totalEntries()).isEqualTo(1);
    assertThat(s.bookmark(b("gone"))).isEmpty();
    s.startAtomicOp();
    assertThat(s.addEntry(7, b("next"))).as("numbering resumes after the rollback").isEqualTo(1);
    s.commitAtomicOp();
    assertThat(s.entry(1).data()).isEqualTo(b("next"));
    assertThat(s.bookmark(b("gone"))).isEmpty();
  }

  @Test
  void truncateRenumbersRemovesBookmarksAndRejectsBadCalls() throws Exception {
    s.startAtomicOp();
    for (int i = 0; i < 7; i++) {
      if (i == 5) {
        s.addBookmark(b("bm5"));
      } else {
        s.addEntry(1, b("e" + i));
      }
    }
    s.commitAtomicOp();
    assertRule(() -> s.truncate(7), Rule.ENTRY_NOT_COMMITTED);
    s.startAtomicOp();
    assertRule(() -> s.truncate(2), Rule.ATOMIC_OP_IN_PROGRESS);
    s.rollbackAtomicOp();
    List<Long> cuts = new ArrayList<>();
    s.addTruncateListener(cuts::add);
    s.truncate(5);
    assertThat(cuts).containsExactly(5L);
    assertThat(s.header().totalEntries()).isEqualTo(5);
    assertThat(s.bookmark(b("bm5"))).isEmpty();
    assertThatThrownBy(() -> s.entry(5)).isInstanceOf(IllegalArgumentException.class);
    s.truncate(2);
    s.startAtomicOp();
    assertThat(s.addEntry(9, b("new2"))).isEqualTo(2);
    s.commitAtomicOp();
    assertThat(s.entry(2)).isEqualTo(new StreamEntry(2, 9, b("new2")));
    assertThat(s.header().totalLength()).isEqualTo(4096 + 17 * 3 + 2 + 2 + 4);
  }

  @Test
  void truncateFallsBackToTheOlderOccurrenceOfARepeatedBookmark() throws Exception {
    s.startAtomicOp();
    s.addBookmark(b("dup"));
    s.addEntry(1, b("x"));
    s.addBookmark(b("dup"));
    s.commitAtomicOp();
    assertThat(s.bookmark(b("dup"))).as("last writer wins").hasValue(2);
    s.truncate(2);
    assertThat(s.bookmark(b("dup"))).as("the older one is still in the file").hasValue(0);
  }

  @Test
  void updateEntryDataChecksItsRulesAndChangesOnlyTheTarget() throws Exception {
    s.startAtomicOp();
    s.addEntry(1, b("aaaa"));
    s.addEntry(2, b("bbbb"));
    s.addBookmark(b("key1"));
    s.commitAtomicOp();
    assertRule(() -> s.updateEntryData(3, 1, b("zzzz")), Rule.ENTRY_NOT_COMMITTED);
    assertRule(() -> s.updateEntryData(1, 1, b("zzzz")), Rule.TYPE_CHANGED);
    assertRule(() -> s.updateEntryData(1, 2, b("zzz")), Rule.SIZE_CHANGED);
    s.startAtomicOp();
    s.addEntry(1, b("open"));
    assertRule(() -> s.updateEntryData(3, 1, b("open")), Rule.ENTRY_IN_CURRENT_OP);
    s.updateEntryData(1, 2, b("BBBB"));
    s.rollbackAtomicOp();
    assertThat(s.entry(0)).isEqualTo(new StreamEntry(0, 1, b("aaaa")));
    assertThat(s.entry(1)).isEqualTo(new StreamEntry(1, 2, b("BBBB")));
    s.updateEntryData(2, StreamEntry.BOOKMARK_TYPE, b("key2"));
    assertThat(s.bookmark(b("key1"))).isEmpty();
    assertThat(s.bookmark(b("key2"))).hasValue(2);
  }

  @Test
  void rejectsAnEntryLargerThanOnePageButAcceptsExactlyOnePage() throws Exception {
    s.startAtomicOp();
    assertRule(() -> s.addEntry(1, new byte[EntryPacket.MAX_DATA + 1]), Rule.ENTRY_TOO_LARGE);
    s.addEntry(1, new byte[5]);
    long whole = s.addEntry(2, new byte[EntryPacket.MAX_DATA]);
    s.addEntry(3, new byte[1]);
    s.commitAtomicOp();
    long page = StreamFileLayout.DATA_PAGE_BYTES;
    // entry 0 on page 0, padding, entry 1 fills page 1 exactly, entry 2 starts page 2 with no padding.
    assertThat(s.header().totalLength()).isEqualTo(4096 + 2 * page + 18);
    assertThat(s.entry(1).data()).hasSize(EntryPacket.MAX_DATA);
    assertThat(s.entry(2).type()).isEqualTo(3);
    assertThat(whole).isEqualTo(1);
  }

  @Test
  void fillingAPageExactlyThenCrossingKeepsEntriesReadable() throws Exception {
    long page = StreamFileLayout.DATA_PAGE_BYTES;
    s.startAtomicOp();
    int first = (int) (page - 17 - 117 - 17);
    s.addEntry(1, new byte[first]);
    s.addEntry(1, new byte[100]);
    s.addEntry(1, new byte[0]); // ends exactly at the page end
    s.addEntry(2, b("next page"));
    s.commitAtomicOp();
    assertThat(s.header().totalLength()).isEqualTo(4096 + page + 17 + 9);
    assertThat(s.entry(3).data()).isEqualTo(b("next page"));
    // A pad shorter than an entry prefix: 16 bytes left.
    s.startAtomicOp();
    s.addEntry(3, new byte[(int) (page - 17 - 9 - 17 - 16 - 17) ]);
    s.addEntry(3, new byte[0]);
    s.addEntry(4, b("after16pad"));
    s.commitAtomicOp();
    assertThat(s.header().totalLength()).isEqualTo(4096 + 2 * page + 17 + 10);
    try (EntryCursor c = s.cursor(0)) {
      int n = 0;
      while (c.next() != null) {
        n++;
      }
      assertThat(n).isEqualTo(7);
    }
    assertThat(s.entry(6).data()).isEqualTo(b("after16pad"));
  }

  @Test
  void aOneBytePadIsTheOnlyByteWrittenBeforeTheNextPage() throws Exception {
    long page = StreamFileLayout.DATA_PAGE_BYTES;
    s.startAtomicOp();
    s.addEntry(1, new byte[(int) page - 17 - 1]); // leaves exactly one byte in page 0
    s.addEntry(2, new byte[0]);
    s.commitAtomicOp();
    assertThat(s.header().totalLength()).isEqualTo(4096 + page + 17);
    try (var ch = java.nio.channels.FileChannel.open(dir.resolve("s.bin"))) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2);
      ch.read(b, 4096 + page - 1);
      assertThat(b.array()).containsExactly(EntryPacket.PADDING, EntryPacket.DATA);
    }
    assertThat(s.entry(1).type()).isEqualTo(2);
    try (EntryCursor c = s.cursor(1)) {
      assertThat(c.next().number()).isEqualTo(1);
    }
  }

  @Test
  void fileGrowsByTenPagesPastPageHundred() throws Exception {
    byte[] page = new byte[EntryPacket.MAX_DATA];
    for (int i = 0; i < 101; i++) {
      s.startAtomicOp();
      s.addEntry(1, page);
      s.commitAtomicOp();
    }
    assertThat(Files.size(dir.resolve("s.bin"))).isEqualTo(4096 + 110L * (1 << 20));
    assertThat(s.entry(100).number()).isEqualTo(100);
    assertThat(s.entry(57).data()).hasSize(EntryPacket.MAX_DATA);
  }

  @Test
  void startAtomicOpOfAnotherThreadWaitsForTheOpenOp() throws Exception {
    s.startAtomicOp();
    s.addEntry(1, b("first"));
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> {
      try {
        started.countDown();
        s.startAtomicOp();
        long n = s.addEntry(1, b("second"));
        s.commitAtomicOp();
        return n;
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(other).isNotDone();
    s.commitAtomicOp();
    assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(s.header().totalEntries()).isEqualTo(2);
  }

  @Test
  void producerCallsFailOnAReadOnlyStreamAndAfterClose() throws Exception {
    s.startAtomicOp();
    s.addEntry(1, b("x"));
    s.commitAtomicOp();
    s.close();
    assertRule(() -> s.startAtomicOp(), Rule.CLOSED);
    s.close();
    try (DataStream ro = DataStream.openReadOnly(dir.resolve("s.bin"))) {
      assertRule(ro::startAtomicOp, Rule.READ_ONLY);
      assertRule(() -> ro.truncate(0), Rule.READ_ONLY);
      assertRule(() -> ro.addEntry(1, b("x")), Rule.READ_ONLY);
      assertThat(ro.entry(0).data()).isEqualTo(b("x"));
    }
  }

  @Test
  void existingFileKeepsItsVersionAndSystemIdButMustMatchTheStreamType() throws Exception {
    s.close();
    try (DataStream again = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults().withVersion(3).withSystemId(1))) {
      assertThat(again.header().version()).isEqualTo(1);
      assertThat(again.header().systemId()).isEqualTo(137);
    }
    assertThatThrownBy(() -> DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults().withStreamType(2)))
        .isInstanceOf(EntryFormatException.class).hasMessageContaining("streamType=1").hasMessageContaining("expected=2");
  }
}

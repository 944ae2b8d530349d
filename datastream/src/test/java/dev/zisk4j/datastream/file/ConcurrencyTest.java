package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cursors and waiters running concurrently with one or several committing threads. */
class ConcurrencyTest {
  @TempDir Path dir;

  /** Deterministic payload of entry n: its number repeated, length depending on n. */
  static byte[] payload(long n) {
    ByteBuffer b = ByteBuffer.allocate(8 + (int) (n % 200));
    b.putLong(n);
    while (b.hasRemaining()) {
      b.put((byte) n);
    }
    return b.array();
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void readersFollowingTheProducerSeeEveryEntryOnceInOrder(Durability d) throws Exception {
    int ops = 400;
    int perOp = 7;
    try (DataStream s = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults().withDurability(d))) {
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<Long>> readers = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        long from = r * 3L;
        readers.add(pool.submit(() -> {
          long total = (long) ops * perOp;
          long expected = from;
          s.awaitCommitted(from, TimeUnit.SECONDS.toNanos(30));
          try (EntryCursor c = s.cursor(Math.min(from, s.header().totalEntries()))) {
            expected = c.nextNumber();
            while (expected < total) {
              StreamEntry e = c.next();
              if (e == null) {
                s.awaitCommitted(expected, TimeUnit.SECONDS.toNanos(30));
                continue;
              }
              assertThat(e.number()).isEqualTo(expected);
              assertThat(e.data()).isEqualTo(payload(expected));
              expected++;
            }
            assertThat(c.next()).isNull();
          }
          return expected;
        }));
      }
      for (int op = 0; op < ops; op++) {
        s.startAtomicOp();
        for (int i = 0; i < perOp; i++) {
          long n = (long) op * perOp + i;
          assertThat(s.addEntry(1, payload(n))).isEqualTo(n);
        }
        s.commitAtomicOp();
      }
      for (Future<Long> f : readers) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo((long) ops * perOp);
      }
      pool.shutdown();
    }
  }

  @Test
  void concurrentCommittersShareSyncsAndListenersSeeCommitOrder() throws Exception {
    int threads = 4;
    int opsPerThread = 150;
    List<long[]> ranges = Collections.synchronizedList(new ArrayList<>());
    try (DataStream s = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults())) {
      s.addCommitListener((first, end) -> ranges.add(new long[] {first, end}));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < opsPerThread; i++) {
            s.startAtomicOp();
            long a = s.addEntry(id, new byte[] {(byte) id, 0});
            long b = s.addEntry(id, new byte[] {(byte) id, 1});
            assertThat(b).isEqualTo(a + 1);
            s.commitAtomicOp();
            assertThat(s.header().totalEntries()).as("visible once commit returns").isGreaterThan(b);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long total = (long) threads * opsPerThread * 2;
      assertThat(s.header().totalEntries()).isEqualTo(total);
      DataStream.CommitStats stats = s.commitStats();
      assertThat(stats.commits()).isEqualTo((long) threads * opsPerThread);
      assertThat(stats.syncGroups()).isPositive().isLessThanOrEqualTo(stats.commits());
      long next = 0;
      for (long[] r : ranges) {
        assertThat(r[0]).isEqualTo(next);
        assertThat(r[1]).isEqualTo(next + 2);
        next = r[1];
      }
      assertThat(next).isEqualTo(total);
      try (EntryCursor c = s.cursor(0)) {
        for (long n = 0; n < total; n += 2) {
          StreamEntry a = c.next();
          StreamEntry b = c.next();
          assertThat(a.type()).as("an op's entries stay together").isEqualTo(b.type());
          assertThat(a.data()[1]).isEqualTo((byte) 0);
          assertThat(b.data()[1]).isEqualTo((byte) 1);
        }
      }
    }
    try (DataStream again = DataStream.openReadOnly(dir.resolve("s.bin"))) {
      assertThat(again.header().totalEntries()).isEqualTo((long) threads * opsPerThread * 2);
    }
  }

  @Test
  void aCursorPastATruncateFailsAndOneBeforeItContinuesWithTheNewEntries() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults())) {
      s.startAtomicOp();
      for (int i = 0; i < 10; i++) {
        s.addEntry(1, payload(i));
      }
      s.commitAtomicOp();
      EntryCursor ahead = s.cursor(8);
      EntryCursor behind = s.cursor(2);
      assertThat(ahead.next().number()).isEqualTo(8);
      assertThat(behind.next().number()).isEqualTo(2);
      s.truncate(5);
      s.startAtomicOp();
      for (int i = 0; i < 10; i++) {
        s.addEntry(2, new byte[] {(byte) i});
      }
      s.commitAtomicOp();
      assertThatThrownBy(ahead::next).isInstanceOfSatisfying(StreamTruncatedException.class,
          e -> assertThat(e.newTotalEntries()).isEqualTo(5));
      for (long n = 3; n < 5; n++) {
        assertThat(behind.next().data()).isEqualTo(payload(n));
      }
      StreamEntry fresh = behind.next();
      assertThat(fresh.number()).isEqualTo(5);
      assertThat(fresh.type()).as("the new entry, not a stale buffered one").isEqualTo(2);
    }
  }

  @Test
  void awaitCommittedReturnsOnCommitOrTimeout() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults())) {
      assertThat(s.awaitCommitted(0, TimeUnit.MILLISECONDS.toNanos(20))).isZero();
      Thread producer = Thread.ofVirtual().start(() -> {
        try {
          s.startAtomicOp();
          s.addEntry(1, new byte[1]);
          s.commitAtomicOp();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      assertThat(s.awaitCommitted(0, TimeUnit.SECONDS.toNanos(30))).isEqualTo(1);
      producer.join();
    }
  }
}

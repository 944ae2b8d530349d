package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run API the server streams with: whole committed entries, no padding, nothing uncommitted. */
class EntryCursorNextRunTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void runsConcatenateToExactlyTheDataPacketsFromAnyStartAcrossPagePadding(long seed) throws Exception {
    Random rnd = new Random(seed);
    try (DataStream s = DataStream.open(dir.resolve("r" + seed + ".bin"), DataStreamConfig.defaults().withDurability(Durability.OS))) {
      int ops = 4 + rnd.nextInt(6);
      for (int op = 0; op < ops; op++) {
        s.startAtomicOp();
        int entries = 1 + rnd.nextInt(40);
        for (int i = 0; i < entries; i++) {
          // Mostly small entries, some up to ~300 KB so runs meet page ends (padding) and buffer refills.
          byte[] data = new byte[rnd.nextInt(10) == 0 ? rnd.nextInt(300_000) : rnd.nextInt(2_000)];
          rnd.nextBytes(data);
          s.addEntry(1 + rnd.nextInt(3), data);
        }
        s.commitAtomicOp();
      }
      s.startAtomicOp();
      s.addEntry(1, new byte[] {9}); // uncommitted: never in a run
      long total = s.header().totalEntries();
      long from = rnd.nextLong(total);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (long n = from; n < total; n++) {
        expected.write(EntryPacket.toBytes(EntryPacket.DATA, s.entry(n)));
      }
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (EntryCursor c = s.cursor(from)) {
        ByteBuffer run;
        while (true) {
          long before = c.nextNumber();
          run = c.nextRun();
          if (run == null) {
            break;
          }
          assertThat(c.nextNumber()).isGreaterThan(before);
          assertThat(countPackets(run.duplicate())).isEqualTo(c.nextNumber() - before);
          byte[] b = new byte[run.remaining()];
          run.get(b);
          got.write(b);
        }
        assertThat(c.nextNumber()).isEqualTo(total);
        assertThat(got.toByteArray()).isEqualTo(expected.toByteArray());
      }
      s.rollbackAtomicOp();
    }
  }

  @Test
  void continuesAfterLaterCommits() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("l.bin"), DataStreamConfig.defaults().withDurability(Durability.OS))) {
      commit(s, 3);
      try (EntryCursor c = s.cursor(0)) {
        assertThat(countPackets(c.nextRun())).isEqualTo(3);
        assertThat(c.nextRun()).isNull();
        commit(s, 2);
        ByteBuffer run = c.nextRun();
        assertThat(countPackets(run.duplicate())).isEqualTo(2);
        assertThat(run.getLong(run.position() + EntryPacket.OFFSET_NUMBER)).isEqualTo(3);
        assertThat(c.nextRun()).isNull();
      }
    }
  }

  @Test
  void truncateBelowTheCursorIsReported() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("t.bin"), DataStreamConfig.defaults().withDurability(Durability.OS))) {
      commit(s, 5);
      try (EntryCursor c = s.cursor(0)) {
        assertThat(c.nextRun()).isNotNull();
        s.truncate(2);
        assertThatThrownBy(c::nextRun).isInstanceOf(StreamTruncatedException.class);
      }
    }
  }

  private static void commit(DataStream s, int entries) throws Exception {
    s.startAtomicOp();
    for (int i = 0; i < entries; i++) {
      s.addEntry(1, new byte[10]);
    }
    s.commitAtomicOp();
  }

  /** Walks DATA packets by their length fields; fails on anything else (e.g. padding). */
  private static long countPackets(ByteBuffer b) {
    long n = 0;
    while (b.hasRemaining()) {
      assertThat(b.get(b.position())).isEqualTo(EntryPacket.DATA);
      int len = b.getInt(b.position() + EntryPacket.OFFSET_LENGTH);
      b.position(b.position() + len);
      n++;
    }
    return n;
  }
}

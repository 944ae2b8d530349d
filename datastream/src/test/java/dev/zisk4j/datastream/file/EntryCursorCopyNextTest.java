package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The undecoded copy path the server streams with (added by ds-net). */
class EntryCursorCopyNextTest {
  @TempDir Path dir;

  @Test
  void copiesExactlyTheDataPacketBytesAcrossPagePaddingAndStopsAtTheCommittedEnd() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("c.bin"), DataStreamConfig.defaults().withDurability(Durability.OS))) {
      byte[] big = new byte[300_000];
      s.startAtomicOp();
      for (int i = 0; i < 8; i++) { // 8 x ~300 KB crosses a page: padding in between
        Arrays.fill(big, (byte) i);
        s.addEntry(7, big);
      }
      s.commitAtomicOp();
      s.startAtomicOp();
      s.addEntry(1, new byte[] {1}); // uncommitted: must not be copied
      try (EntryCursor c = s.cursor(0)) {
        ByteBuffer dst = ByteBuffer.allocate(400_000);
        for (long n = 0; n < 8; n++) {
          dst.clear();
          assertThat(c.copyNext(dst)).isEqualTo(n);
          dst.flip();
          byte[] got = new byte[dst.remaining()];
          dst.get(got);
          assertThat(got).isEqualTo(EntryPacket.toBytes(EntryPacket.DATA, s.entry(n)));
        }
        assertThat(c.copyNext(ByteBuffer.allocate(400_000))).isEqualTo(EntryCursor.END);
      }
      s.rollbackAtomicOp();
    }
  }

  @Test
  void noRoomLeavesTheCursorWhereItWas() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("n.bin"), DataStreamConfig.defaults().withDurability(Durability.OS))) {
      s.startAtomicOp();
      s.addEntry(1, new byte[100]);
      s.addEntry(2, new byte[100]);
      s.commitAtomicOp();
      try (EntryCursor c = s.cursor(0)) {
        ByteBuffer small = ByteBuffer.allocate(200);
        assertThat(c.copyNext(small)).isEqualTo(0);
        assertThat(c.copyNext(small)).isEqualTo(EntryCursor.NO_ROOM);
        assertThat(small.position()).isEqualTo(117);
        assertThat(c.nextNumber()).isEqualTo(1);
        assertThat(c.next()).isEqualTo(s.entry(1));
      }
    }
  }

  @Test
  void truncateBelowTheCursorIsReported() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("t.bin"), DataStreamConfig.defaults().withDurability(Durability.OS))) {
      s.startAtomicOp();
      for (int i = 0; i < 5; i++) {
        s.addEntry(1, new byte[10]);
      }
      s.commitAtomicOp();
      try (EntryCursor c = s.cursor(0)) {
        ByteBuffer dst = ByteBuffer.allocate(1000);
        for (int i = 0; i < 4; i++) {
          c.copyNext(dst);
        }
        s.truncate(2);
        assertThatThrownBy(() -> c.copyNext(dst)).isInstanceOf(StreamTruncatedException.class);
      }
    }
  }
}

package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryCursorTest {
  @TempDir Path dir;

  @Test
  void copyNextGivesTheWireBytesOfEachEntryAcrossPaddingAndReportsNoRoom() throws Exception {
    try (DataStream s = DataStream.openReadOnly(Fixtures.file("pagecross4000ops.bin"));
         EntryCursor c = s.cursor(15418)) {
      ByteBuffer small = ByteBuffer.allocate(20);
      assertThat(c.copyNext(small)).isEqualTo(EntryCursor.NO_ROOM);
      assertThat(small.position()).isZero();
      ByteBuffer dst = ByteBuffer.allocate(4096);
      for (long n = 15418; n < 15423; n++) {
        int start = dst.position();
        assertThat(c.copyNext(dst)).isEqualTo(n);
        byte[] got = new byte[dst.position() - start];
        dst.get(start, got);
        assertThat(got).isEqualTo(EntryPacket.toBytes(EntryPacket.DATA, s.entry(n)));
      }
    }
  }

  @Test
  void copyNextReturnsEndAtTheCommittedEndAndContinuesAfterACommit() throws Exception {
    try (DataStream s = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults().withDurability(Durability.OS))) {
      EntryCursor c = s.cursor(0);
      ByteBuffer dst = ByteBuffer.allocate(100);
      assertThat(c.copyNext(dst)).isEqualTo(EntryCursor.END);
      s.startAtomicOp();
      s.addEntry(4, new byte[] {1, 2, 3});
      s.commitAtomicOp();
      assertThat(c.copyNext(dst)).isZero();
      assertThat(dst.position()).isEqualTo(20);
      assertThat(c.copyNext(dst)).isEqualTo(EntryCursor.END);
      assertThat(c.nextNumber()).isEqualTo(1);
    }
  }
}

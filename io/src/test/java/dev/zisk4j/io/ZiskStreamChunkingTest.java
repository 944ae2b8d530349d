package dev.zisk4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Property: whatever the writes, flushes and message size, the consumer gets exactly the framed bytes, in aligned chunks. */
class ZiskStreamChunkingTest {

  @Property(tries = 200)
  void bytesArriveExactlyOnceInAlignedChunks(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 3000) Integer> recordSizes,
      @ForAll @IntRange(min = 8, max = 5000) int maxMessage,
      @ForAll @IntRange(min = 1, max = 7) int flushEvery) throws IOException {
    ZiskStreamTest.MemoryTransport t = new ZiskStreamTest.MemoryTransport(maxMessage);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (ZiskStream s = ZiskStream.over(t)) {
      for (int i = 0; i < recordSizes.size(); i++) {
        byte[] payload = new byte[recordSizes.get(i)];
        java.util.Arrays.fill(payload, (byte) i);
        s.writeSlice(payload);
        expected.writeBytes(RecordFraming.frame(payload));
        if (i % flushEvery == 0) {
          int before = t.jobs.isEmpty() ? 0 : t.jobs.getFirst().size();
          s.flush();
          List<byte[]> sent = t.jobs.getFirst().subList(before, t.jobs.getFirst().size());
          int chunk = maxMessage & ~7;
          for (int m = 0; m < sent.size(); m++) {
            assertThat(sent.get(m).length).isLessThanOrEqualTo(chunk);
            if (m < sent.size() - 1) {
              assertThat(sent.get(m).length).isEqualTo(chunk);
            }
          }
        }
      }
      s.flush();
      assertThat(t.job(0)).isEqualTo(expected.toByteArray());
      assertThat(s.pendingBytes()).isZero();
    }
  }
}

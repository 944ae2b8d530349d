package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.testing.StreamFixture;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoProducerTest {
  @TempDir Path dir;

  @Test
  void commitsTheOperationsDueByTheInjectedClock() throws Exception {
    AtomicLong now = new AtomicLong(5_000_000_000L);
    try (StreamFixture fx = StreamFixture.in(dir)) {
      DemoProducer demo = new DemoProducer(fx.stream(), 10, now::get);
      try {
        demo.start(); // the timer may tick at once too; count what the clock says is due
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        demo.tick();
      } finally {
        demo.close();
      }
      // Due by 1.5 s at 10 ops/s: ops 0..15 = 16 operations of 4 entries.
      assertThat(fx.stream().header().totalEntries()).isEqualTo(16 * 4);
      StreamEntry first = fx.stream().entry(0);
      assertThat(first.isBookmark()).isTrue();
      assertThat(first.data()).isEqualTo(StreamFixture.bookmarkKey(0));
      assertThat(fx.stream().entry(1).type()).isEqualTo(DemoProducer.BLOCK_START);
      assertThat(fx.stream().entry(2).type()).isEqualTo(DemoProducer.TRANSACTION);
      assertThat(fx.stream().entry(3).type()).isEqualTo(DemoProducer.BLOCK_END);
      assertThat(fx.stream().bookmark(StreamFixture.bookmarkKey(15))).hasValue(60);
    }
  }

  @Test
  void rejectsRatesOutOfRange() throws Exception {
    try (StreamFixture fx = StreamFixture.in(dir)) {
      assertThatThrownBy(() -> new DemoProducer(fx.stream(), 0, System::nanoTime)).hasMessageContaining("opsPerSecond=0.0");
      assertThatThrownBy(() -> new DemoProducer(fx.stream(), Double.NaN, System::nanoTime)).hasMessageContaining("NaN");
    }
  }
}

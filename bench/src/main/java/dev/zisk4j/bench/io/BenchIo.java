package dev.zisk4j.bench.io;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.zisk4j.io.ZiskStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;

/** What the io transport benchmarks share: quiet logging, a draining reader, one batch of records. */
final class BenchIo {
  /** Bytes one benchmark operation moves; MB/s = ops/s x 8 (MiB). */
  static final int BATCH_BYTES = 8 << 20;

  private BenchIo() {}

  /** Logback's default (no config in benchmarks.jar) is DEBUG on the console, which would dominate I/O. */
  static void quietLogging() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
  }

  /** Opens the reader on a daemon thread and discards everything it yields until end or failure. */
  static Thread drain(Callable<InputStream> open) {
    return Thread.ofPlatform().daemon().start(() -> {
      byte[] buf = new byte[1 << 20];
      try (InputStream in = open.call()) {
        while (in.read(buf) >= 0) {
          // discard
        }
      } catch (IOException e) {
        // the trial is over
      } catch (Exception e) {
        throw new IllegalStateException("cannot open benchmark reader", e);
      }
    });
  }

  /** Writes {@link #BATCH_BYTES} worth of {@code record}-sized framed records and flushes them. */
  static void writeBatch(ZiskStream stream, byte[] record) throws IOException {
    int records = Math.max(1, BATCH_BYTES / (record.length + 8));
    for (int i = 0; i < records; i++) {
      stream.writeSlice(record);
    }
    stream.flush();
  }
}

package dev.zisk4j.bench.datastream;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.file.EntryCursor;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.index.BookmarkIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads a stream of 500,000 × 100-byte entries (58.5 MB, page cache) from entry 0 to the end: one
 * benchmark op reads everything, so ops/s × 500,000 = entries/s. {@code copyNext} is what the
 * server uses (raw bytes, no per-entry allocation), {@code next} decodes each entry; the baseline
 * {@code rawRead} reads the same file region with 64 KiB positional reads and no parsing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class CursorReadBench {
  static final int ENTRIES = 500_000;

  private Path dir;
  private DataStream stream;
  private FileChannel raw;
  private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);

  @Setup(Level.Trial)
  public void fill() throws IOException {
    dir = Files.createTempDirectory("zisk4j-read-bench");
    stream = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults().withDurability(Durability.OS));
    byte[] data = new byte[100];
    for (int op = 0; op < ENTRIES / 100; op++) {
      stream.startAtomicOp();
      for (int i = 0; i < 100; i++) {
        stream.addEntry(1, data);
      }
      stream.commitAtomicOp();
    }
    raw = FileChannel.open(dir.resolve("s.bin"), StandardOpenOption.READ);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    raw.close();
    stream.close();
    Files.deleteIfExists(dir.resolve("s.bin"));
    Files.deleteIfExists(BookmarkIndex.logPathFor(dir.resolve("s.bin")));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long copyNext() throws IOException {
    long last = 0;
    try (EntryCursor c = stream.cursor(0)) {
      while (true) {
        long n = c.copyNext(out);
        if (n == EntryCursor.NO_ROOM) {
          out.clear();
        } else if (n == EntryCursor.END) {
          break;
        } else {
          last = n;
        }
      }
    }
    out.clear();
    return last;
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long next() throws IOException {
    long sum = 0;
    try (EntryCursor c = stream.cursor(0)) {
      StreamEntry e;
      while ((e = c.next()) != null) {
        sum += e.data().length;
      }
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long rawRead() throws IOException {
    long end = stream.header().totalLength();
    long pos = 4096;
    while (pos < end) {
      out.clear();
      if (end - pos < out.capacity()) {
        out.limit((int) (end - pos));
      }
      pos += raw.read(out, pos);
    }
    out.clear();
    return pos;
  }
}

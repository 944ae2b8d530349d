package dev.zisk4j.bench.datastream;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.file.EntryPacket;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends to a stream file: one benchmark op is one atomic operation of {@code opEntries} entries
 * of {@code entryBytes} data each, so entries/s = ops/s × opEntries.
 *
 * <p>Baseline in the same run: {@code rawAppend} writes the same bytes (entry prefix + data, one
 * positional write per op) with a bare FileChannel, plus one {@code force} per op in FSYNC mode,
 * i.e. what the file system alone allows with no group commit. The {@code *4Threads} variants run
 * four committing threads on one stream (group commit in FSYNC mode).
 *
 * <p>Each iteration starts on a fresh file (deleted in teardown) so the disk does not fill.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class AppendBench {
  @Param({"100", "1024"})
  public int entryBytes;

  @Param({"1", "100"})
  public int opEntries;

  @Param({"OS", "FSYNC"})
  public Durability durability;

  private Path dir;
  private DataStream stream;
  private FileChannel raw;
  private long rawPosition;
  private byte[] data;
  private ByteBuffer rawOp;

  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("zisk4j-append-bench");
    stream = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults().withDurability(durability));
    raw = FileChannel.open(dir.resolve("raw.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    rawPosition = 0;
    data = new byte[entryBytes];
    rawOp = ByteBuffer.allocateDirect(opEntries * (EntryPacket.HEADER_BYTES + entryBytes));
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    stream.close();
    raw.close();
    Files.deleteIfExists(dir.resolve("s.bin"));
    Files.deleteIfExists(BookmarkIndex.logPathFor(dir.resolve("s.bin")));
    Files.deleteIfExists(dir.resolve("raw.bin"));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long streamAppend() throws IOException {
    return appendOne();
  }

  @Benchmark
  @Threads(4)
  public long streamAppend4Threads() throws IOException {
    return appendOne();
  }

  private long appendOne() throws IOException {
    stream.startAtomicOp();
    long last = 0;
    for (int i = 0; i < opEntries; i++) {
      last = stream.addEntry(1, data);
    }
    stream.commitAtomicOp();
    return last;
  }

  @Benchmark
  public long rawAppend() throws IOException {
    rawOp.clear();
    for (int i = 0; i < opEntries; i++) {
      EntryPacket.encode(EntryPacket.DATA, 1, i, data, rawOp);
    }
    rawOp.flip();
    int n = rawOp.remaining();
    while (rawOp.hasRemaining()) {
      raw.write(rawOp, rawPosition + n - rawOp.remaining());
    }
    rawPosition += n;
    if (durability == Durability.FSYNC) {
      raw.force(false);
    }
    return rawPosition;
  }
}

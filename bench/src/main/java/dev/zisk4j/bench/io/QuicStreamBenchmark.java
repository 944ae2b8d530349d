package dev.zisk4j.bench.io;

import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.quic.QuicConsumerTransport;
import dev.zisk4j.io.transport.quic.QuicTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * QUIC input throughput on loopback. One operation moves 8 MiB of records of {@code recordBytes}:
 * {@code zisk4jQuic} through {@code ZiskStream.quic} (framing, 4 MiB stream messages); the baseline
 * {@code rawQuicStreams} writes the same bytes as bare 4 MiB unidirectional streams on a raw
 * Netty QUIC connection ({@link RawQuicPair}): same TLS and windows, the client discarding bytes in
 * its event loop. {@code zisk4jQuic} is drained by a {@code quic://} consumer thread (ordering,
 * complete-message hand-out, InputStream copy). MB/s = ops/s x 8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class QuicStreamBenchmark {

  @Param({"64", "4096", "1048576"})
  int recordBytes;

  private byte[] record;
  private ZiskStream stream;
  private Thread streamDrain;
  private RawQuicPair raw;
  private final ByteBuf rawMessage = Unpooled.directBuffer(QuicTransport.MAX_MESSAGE_BYTES)
      .writerIndex(QuicTransport.MAX_MESSAGE_BYTES);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BenchIo.quietLogging();
    record = new byte[recordBytes];
    stream = ZiskStream.quic("quic://127.0.0.1:0");
    URI uri = stream.uri();
    streamDrain = BenchIo.drain(() -> new QuicConsumerTransport().connect(uri, Duration.ofSeconds(30)));
    raw = new RawQuicPair();
  }

  @Benchmark
  public void zisk4jQuic() throws Exception {
    BenchIo.writeBatch(stream, record);
  }

  @Benchmark
  public void rawQuicStreams() throws Exception {
    for (int sent = 0; sent < BenchIo.BATCH_BYTES; sent += QuicTransport.MAX_MESSAGE_BYTES) {
      raw.sendStream(rawMessage.retainedDuplicate());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stream.finish();
    stream.close();
    raw.close();
    rawMessage.release();
    streamDrain.join(5000);
  }
}

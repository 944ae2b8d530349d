package dev.zisk4j.bench.io;

import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.quic.QuicConsumerTransport;
import dev.zisk4j.io.transport.quic.QuicProducerTransport;
import dev.zisk4j.io.transport.quic.QuicTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
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
 * {@code rawQuicStreams} writes the same bytes as bare 4 MiB unidirectional streams on the
 * transport, with no framing and no {@code ZiskStream}. Both are drained by a {@code quic://}
 * consumer thread. MB/s = ops/s x 8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class QuicStreamBenchmark {
  static final int BATCH_BYTES = 8 << 20;

  @Param({"64", "4096", "1048576"})
  int recordBytes;

  private byte[] record;
  private int recordsPerBatch;
  private ZiskStream stream;
  private Thread streamDrain;
  private QuicProducerTransport raw;
  private Thread rawDrain;
  private final ByteBuffer rawMessage = ByteBuffer.allocateDirect(QuicTransport.MAX_MESSAGE_BYTES);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    QuietLogging.apply();
    record = new byte[recordBytes];
    recordsPerBatch = Math.max(1, BATCH_BYTES / (recordBytes + 8));
    stream = ZiskStream.quic("quic://127.0.0.1:0");
    streamDrain = drain(stream.uri());
    raw = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"));
    rawDrain = drain(raw.uri());
    raw.awaitConsumer(Duration.ofSeconds(30));
  }

  private static Thread drain(URI uri) {
    return Thread.ofPlatform().daemon().start(() -> {
      byte[] buf = new byte[1 << 20];
      try (InputStream in = new QuicConsumerTransport().connect(uri, Duration.ofSeconds(30))) {
        while (in.read(buf) >= 0) {
          // discard
        }
      } catch (IOException e) {
        // trial over
      }
    });
  }

  @Benchmark
  public void zisk4jQuic() throws Exception {
    for (int i = 0; i < recordsPerBatch; i++) {
      stream.writeSlice(record);
    }
    stream.flush();
  }

  @Benchmark
  public void rawQuicStreams() throws Exception {
    for (int sent = 0; sent < BATCH_BYTES; sent += rawMessage.capacity()) {
      rawMessage.clear();
      raw.send(rawMessage);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stream.finish();
    stream.close();
    raw.endJob();
    raw.close();
    streamDrain.join(5000);
    rawDrain.join(5000);
  }
}

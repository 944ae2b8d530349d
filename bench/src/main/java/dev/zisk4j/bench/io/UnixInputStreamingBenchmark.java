package dev.zisk4j.bench.io;

import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.RecordFraming;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.unix.SeqPacketInputStream;
import dev.zisk4j.io.transport.unix.SeqPacketListener;
import dev.zisk4j.io.transport.unix.SeqPacketSocket;
import dev.zisk4j.io.transport.unix.UnixTransport;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
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
 * Input streaming over unix sockets, 1 MiB of record payload per operation (so ops/s = MiB/s of
 * payload), with a consumer thread draining the other end as the executor does ({@code readWords}).
 *
 * <ul>
 *   <li>{@code zisk}: {@link ZiskStream} over SEQPACKET: framing, buffering, 128 KiB messages.
 *   <li>{@code rawSeqPacket}: the same pre-framed bytes sent straight through a SEQPACKET socket in
 *       128 KiB messages: what framing and the stream's bookkeeping cost.
 *   <li>{@code rawStreamSocket}: the same bytes through the JDK's SOCK_STREAM unix channel, direct
 *       buffers, 1 MiB writes: the baseline of the kind the spec compares against.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class UnixInputStreamingBenchmark {
  static final int PAYLOAD_PER_OP = 1 << 20;
  /** Every variant gets the send buffer the unix transport asks for, so the comparison is like for like. */
  static final int SEND_BUFFER_BYTES = 1 << 20;

  /** Drains a stream of words until end of input, like the executor's input pump. */
  static Thread drain(InputReader reader) {
    Thread t = new Thread(() -> {
      long[] words = new long[1 << 14];
      try (reader) {
        while (reader.readWords(words, 0, words.length) > 0) {
          // Discard: the consumer side is not what is measured.
        }
      } catch (IOException e) {
        // End of the trial closes the socket under the reader.
      }
    }, "bench-consumer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  static byte[] records(int recordBytes) {
    byte[] payload = new byte[recordBytes];
    new Random(1).nextBytes(payload);
    return payload;
  }

  static Path socketPath() {
    return Path.of("/tmp", "zisk4j-bench-" + UUID.randomUUID() + ".sock");
  }

  @State(Scope.Benchmark)
  public static class ZiskState {
    @Param({"64", "4096", "1048576"})
    int recordBytes;

    ZiskStream stream;
    Thread consumer;
    byte[] payload;
    int recordsPerOp;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      payload = records(recordBytes);
      recordsPerOp = PAYLOAD_PER_OP / recordBytes;
      stream = ZiskStream.unix().connectDeadline(Duration.ofSeconds(30));
      InputReader reader = InputReader.open(stream.uri());
      consumer = drain(reader);
      stream.flush(); // accepts the consumer
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      stream.finish();
      consumer.join(10_000);
      stream.close();
    }
  }

  @Benchmark
  public void zisk(ZiskState s) throws IOException {
    for (int i = 0; i < s.recordsPerOp; i++) {
      s.stream.writeSlice(s.payload);
    }
    s.stream.flush();
  }

  /** The framed bytes of one operation, prepared once. */
  static byte[] framedOp(int recordBytes) {
    byte[] record = RecordFraming.frame(records(recordBytes));
    int n = PAYLOAD_PER_OP / recordBytes;
    byte[] all = new byte[record.length * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(record, 0, all, i * record.length, record.length);
    }
    return all;
  }

  @State(Scope.Benchmark)
  public static class RawSeqPacketState {
    @Param({"64", "4096", "1048576"})
    int recordBytes;

    SeqPacketListener listener;
    SeqPacketSocket producer;
    Thread consumer;
    ByteBuffer op;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      op = ByteBuffer.wrap(framedOp(recordBytes));
      listener = SeqPacketListener.bind(socketPath());
      SeqPacketSocket c = SeqPacketSocket.connect(listener.path(), Duration.ofSeconds(10));
      producer = listener.accept(Duration.ofSeconds(10));
      producer.setSendBufferSize(SEND_BUFFER_BYTES);
      consumer = drain(InputReader.over(new SeqPacketInputStream(c), InputReader.Options.DEFAULT));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      producer.close();
      consumer.join(10_000);
      listener.close();
    }
  }

  @Benchmark
  public void rawSeqPacket(RawSeqPacketState s) throws IOException {
    ByteBuffer b = s.op;
    int cap = b.capacity();
    for (int off = 0; off < cap; off += UnixTransport.MAX_MESSAGE_BYTES) {
      b.limit(Math.min(cap, off + UnixTransport.MAX_MESSAGE_BYTES)).position(off);
      s.producer.send(b);
    }
  }

  @State(Scope.Benchmark)
  public static class RawStreamState {
    @Param({"64", "4096", "1048576"})
    int recordBytes;

    Path path;
    ServerSocketChannel server;
    SocketChannel producer;
    Thread consumer;
    ByteBuffer op;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      byte[] framed = framedOp(recordBytes);
      op = ByteBuffer.allocateDirect(framed.length).put(framed).flip();
      path = socketPath();
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
      SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path));
      producer = server.accept();
      producer.setOption(java.net.StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
      consumer = drain(InputReader.over(java.nio.channels.Channels.newInputStream(c), InputReader.Options.DEFAULT));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      producer.close();
      consumer.join(10_000);
      server.close();
      Files.deleteIfExists(path);
    }
  }

  @Benchmark
  public void rawStreamSocket(RawStreamState s) throws IOException {
    ByteBuffer b = s.op.clear();
    while (b.hasRemaining()) {
      s.producer.write(b);
    }
  }
}

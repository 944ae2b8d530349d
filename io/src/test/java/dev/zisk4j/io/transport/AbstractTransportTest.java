package dev.zisk4j.io.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.RecordFraming;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.bincode.Bincode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one suite every input transport passes (grpc-java {@code AbstractTransportTest} style): a
 * {@link ZiskStream} over the transport under test on one side, the transport's consumer on the
 * other, real sockets on loopback. Subclasses provide a producer transport and a way to connect a
 * consumer to it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractTransportTest {
  protected static final Duration CONNECT = Duration.ofSeconds(20);

  // Platform threads: a consumer blocked in a native recv pins a virtual thread's carrier, and CI has 2 cores.
  protected final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** A fresh producer transport, bound and ready for its first job. */
  protected abstract ProducerTransport newProducerTransport() throws IOException;

  /**
   * Connects one consumer (one job's reader) to {@code producer}; the stream returns -1 at the job's
   * end. Default: the standard consumer transport for the producer's URI.
   */
  protected InputStream connectConsumer(ProducerTransport producer, Duration deadline) throws IOException {
    return ConsumerTransports.standard().connect(producer.uri(), deadline);
  }

  /** Bytes sent by one flush that a consumer disconnecting early is sure to miss (over the transport's buffering). */
  protected int bytesBeyondTransportBuffers() {
    return 8 << 20;
  }

  /** Whether a flush blocks until the consumer side has connected (false where the consumer is the listener). */
  protected boolean flushWaitsForConsumer() {
    return true;
  }

  protected final ZiskStream newStream() throws IOException {
    ProducerTransport p = newProducerTransport();
    ZiskStream s = ZiskStream.over(p).connectDeadline(CONNECT);
    producers.put(s, p);
    toClose.add(s);
    return s;
  }

  private final Map<ZiskStream, ProducerTransport> producers = new ConcurrentHashMap<>();

  protected final InputStream consumer(ZiskStream s) throws IOException {
    InputStream in = connectConsumer(producers.get(s), CONNECT);
    toClose.add(in);
    return in;
  }

  /** Connects a consumer in the background (the producer's flush is what accepts it) and reads the whole job. */
  protected final Future<byte[]> readJobAsync(ZiskStream s) {
    return executor.submit(() -> {
      try (InputStream in = consumer(s)) {
        return in.readAllBytes();
      }
    });
  }

  /** Starts {@code flush} (then {@code finish} if asked) on another thread; returns once that thread is running. */
  protected final Future<?> flushInBackground(ZiskStream s, boolean thenFinish) throws InterruptedException {
    CountDownLatch flushing = new CountDownLatch(1);
    Future<?> flush = executor.submit(() -> {
      flushing.countDown();
      s.flush();
      if (thenFinish) {
        s.finish();
      }
      return null;
    });
    assertThat(flushing.await(10, TimeUnit.SECONDS)).isTrue();
    return flush;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    executor.shutdownNow();
  }

  protected static byte[] pattern(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void seedExampleArrivesByteForByte() throws Exception {
    ZiskStream s = newStream();
    Future<byte[]> job = readJobAsync(s);
    s.write(Bincode.U64, 3L);
    s.flush();
    s.write(Bincode.STRING, "hi");
    s.flush();
    s.finish();
    assertThat(HexFormat.of().formatHex(job.get(30, TimeUnit.SECONDS))).isEqualTo(
        "0100000000000000" + "0300000000000000" + "0300000000000000" + "0268690000000000");
  }

  @Test
  void writeBytesAppendsWithoutFramingOrPadding() throws Exception {
    ZiskStream s = newStream();
    Future<byte[]> job = readJobAsync(s);
    s.writeSlice("abcdefgh".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    s.writeBytes("01234567".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    s.flush();
    s.finish();
    assertThat(new String(job.get(30, TimeUnit.SECONDS), java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("\u0008\0\0\0\0\0\0\0abcdefgh01234567");
  }

  @Test
  void manyRecordsFromEmptyToOneMebibyteArriveIntact() throws Exception {
    int[] sizes = {0, 1, 7, 8, 9, 15, 16, 17, 255, 4096, 131_063, 131_064, 131_065, 131_072, 131_073, 300_001, 1 << 20};
    ZiskStream s = newStream();
    CompletableFuture<List<byte[]>> got = CompletableFuture.supplyAsync(() -> {
      try (InputReader r = InputReader.over(consumer(s), InputReader.Options.DEFAULT)) {
        List<byte[]> out = new ArrayList<>();
        while (r.hasMore()) {
          out.add(r.readSlice());
        }
        return out;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, executor);
    for (int i = 0; i < sizes.length; i++) {
      s.writeSlice(pattern(sizes[i], i));
      if (i % 3 == 0) {
        s.flush();
      }
    }
    s.flush();
    s.finish();
    List<byte[]> records = got.get(30, TimeUnit.SECONDS);
    assertThat(records).hasSize(sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      assertThat(records.get(i)).as("record %d of %d bytes", i, sizes[i]).isEqualTo(pattern(sizes[i], i));
    }
  }

  @Test
  void oneStreamServesThreeJobsInARow() throws Exception {
    ZiskStream s = newStream();
    for (int job = 0; job < 3; job++) {
      Future<byte[]> got = readJobAsync(s);
      s.start();
      s.write(Bincode.U64, (long) job);
      s.writeSlice(pattern(5000 + job, job));
      s.flush();
      s.finish();
      InputReader r = InputReader.of(got.get(30, TimeUnit.SECONDS));
      assertThat(r.read(Bincode.U64)).isEqualTo(job);
      assertThat(r.readSlice()).isEqualTo(pattern(5000 + job, job));
      assertThat(r.hasMore()).isFalse();
    }
  }

  @Test
  void resetDropsOnlyUnsentBytes() throws Exception {
    ZiskStream s = newStream();
    Future<byte[]> got = readJobAsync(s);
    s.writeSlice(new byte[] {1});
    s.flush();
    s.writeSlice(new byte[] {2});
    s.reset();
    assertThat(s.pendingBytes()).isZero();
    s.writeSlice(new byte[] {3});
    s.flush();
    s.finish();
    InputReader r = InputReader.of(got.get(30, TimeUnit.SECONDS));
    assertThat(r.readSlice()).containsExactly(1);
    assertThat(r.readSlice()).containsExactly(3);
    assertThat(r.hasMore()).isFalse();
  }

  @Test
  void flushWaitsForAReaderThatConnectsLate() throws Exception {
    ZiskStream s = newStream();
    s.writeSlice(pattern(1000, 7));
    Future<?> flush = flushInBackground(s, true);
    if (flushWaitsForConsumer()) {
      assertThat(flush.isDone()).isFalse();
    }
    try (InputStream in = consumer(s)) {
      InputReader r = InputReader.over(in, InputReader.Options.DEFAULT);
      assertThat(r.readSlice()).isEqualTo(pattern(1000, 7));
      flush.get(30, TimeUnit.SECONDS);
      assertThat(r.hasMore()).isFalse();
    }
  }

  @Test
  protected void flushFailsAfterTheDeadlineWhenNoReaderConnects() throws Exception {
    ZiskStream s = newStream().connectDeadline(Duration.ofMillis(300));
    s.writeSlice(pattern(100, 1));
    assertThatThrownBy(s::flush).isInstanceOf(TransportTimeoutException.class).hasMessageContaining("deadline");
    assertThat(s.pendingBytes()).isEqualTo(RecordFraming.recordBytes(100));
  }

  @Test
  void readerDisconnectingMidStreamFailsFlushAndARetryDeliversTheRestExactlyOnce() throws Exception {
    ZiskStream s = newStream();
    int size = bytesBeyondTransportBuffers();
    byte[] data = pattern(size, 42);
    s.writeBytes(data);
    Future<byte[]> first = executor.submit(() -> {
      try (InputStream in = consumer(s)) {
        return in.readNBytes(100_000);
      }
    });
    assertThatThrownBy(s::flush).isInstanceOf(IOException.class);
    byte[] seen = first.get(30, TimeUnit.SECONDS);
    assertThat(seen).isEqualTo(Arrays.copyOf(data, seen.length));
    long left = s.pendingBytes();
    assertThat(left).isPositive().isLessThanOrEqualTo(size - seen.length);

    s.start();
    Future<byte[]> second = readJobAsync(s);
    s.flush();
    s.finish();
    assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(Arrays.copyOfRange(data, (int) (size - left), size));
  }

  @Test
  void flushAfterFinishWaitsForTheNextStart() throws Exception {
    ZiskStream s = newStream();
    Future<byte[]> job1 = readJobAsync(s);
    s.writeSlice(new byte[] {1});
    s.flush();
    s.finish();
    assertThat(job1.get(30, TimeUnit.SECONDS)).hasSize(16);

    s.writeSlice(new byte[] {2});
    Future<?> flush = flushInBackground(s, false);
    Future<byte[]> job2 = readJobAsync(s);
    s.start();
    flush.get(30, TimeUnit.SECONDS);
    s.finish();
    assertThat(InputReader.of(job2.get(30, TimeUnit.SECONDS)).readSlice()).containsExactly(2);
  }

  @Test
  void flushAfterFinishWithoutStartTimesOut() throws Exception {
    ZiskStream s = newStream();
    Future<byte[]> job1 = readJobAsync(s);
    s.flush();
    s.finish();
    job1.get(30, TimeUnit.SECONDS);
    s.connectDeadline(Duration.ofMillis(200));
    s.writeSlice(new byte[] {9});
    assertThatThrownBy(s::flush).isInstanceOf(TransportTimeoutException.class).hasMessageContaining("start()");
  }

  @Test
  void concurrentWritersKeepRecordsWholeAndInPerThreadOrder() throws Exception {
    ZiskStream s = newStream();
    Future<byte[]> got = readJobAsync(s);
    int threads = 4;
    int perThread = 400;
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      writers.add(executor.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          ByteBuffer b = ByteBuffer.allocate(12 + (i % 50)).order(ByteOrder.LITTLE_ENDIAN);
          b.putInt(id).putLong(i);
          s.writeSlice(b.array());
          if (i % 37 == 0) {
            s.flush();
          }
        }
        return null;
      }));
    }
    for (Future<?> w : writers) {
      w.get(30, TimeUnit.SECONDS);
    }
    s.flush();
    s.finish();
    InputReader r = InputReader.of(got.get(30, TimeUnit.SECONDS));
    long[] next = new long[threads];
    int count = 0;
    while (r.hasMore()) {
      ByteBuffer b = ByteBuffer.wrap(r.readSlice()).order(ByteOrder.LITTLE_ENDIAN);
      int id = b.getInt();
      long i = b.getLong();
      assertThat(i).as("thread %d order", id).isEqualTo(next[id]++);
      assertThat(b.remaining()).isEqualTo((int) (i % 50));
      count++;
    }
    assertThat(count).isEqualTo(threads * perThread);
  }

  /**
   * A reader closed from another thread (a cancelled job) must fail, not see a clean end: -1 after a
   * record boundary would make a cut-off input look complete. Every consumer must agree on this.
   */
  @Test
  void closingTheConsumerFailsABlockedReadInsteadOfEndingTheInput() throws Exception {
    ZiskStream s = newStream();
    byte[] payload = pattern(100, 3);
    CompletableFuture<InputStream> opened = new CompletableFuture<>();
    CountDownLatch recordRead = new CountDownLatch(1);
    Future<Integer> blocked = executor.submit(() -> {
      InputStream in = consumer(s);
      opened.complete(in);
      assertThat(in.readNBytes((int) RecordFraming.recordBytes(payload.length))).hasSize((int) RecordFraming.recordBytes(payload.length));
      recordRead.countDown();
      return in.read(); // the job is still open and nothing more comes: blocks until closed
    });
    s.writeSlice(payload);
    s.flush();
    assertThat(recordRead.await(30, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200); // let the reader block in read()
    assertThat(blocked.isDone()).isFalse();
    opened.get().close();
    assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .cause().isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void closeIsIdempotentAndFlushAfterCloseFails() throws Exception {
    ZiskStream s = newStream();
    s.close();
    s.close();
    assertThatThrownBy(s::flush).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void closeWakesAFlushWaitingForItsConsumer() throws Exception {
    ZiskStream s = newStream();
    s.writeSlice(pattern(100, 3));
    Future<?> flush = flushInBackground(s, false);
    s.close();
    Throwable outcome = null;
    try {
      flush.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      outcome = e.getCause();
    }
    if (flushWaitsForConsumer()) {
      // Closed while waiting (IOException) or before the flush began (IllegalStateException): never a hang.
      assertThat(outcome).isNotNull().isInstanceOfAny(IOException.class, IllegalStateException.class);
    }
  }

  /** 1 GiB through the transport, SHA-256 compared at the reader. */
  @Test
  @Tag("long")
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void oneGibibyteArrivesWithTheSameChecksum() throws Exception {
    ZiskStream s = newStream();
    Future<byte[]> digest = executor.submit(() -> {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = consumer(s)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      return md.digest();
    });
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    byte[] chunk = pattern(1 << 20, 5);
    for (int i = 0; i < 1024; i++) {
      chunk[0] = (byte) i;
      chunk[1] = (byte) (i >> 8);
      s.writeBytes(chunk);
      sent.update(chunk);
      s.flush();
    }
    s.finish();
    assertThat(digest.get(600, TimeUnit.SECONDS)).isEqualTo(sent.digest());
  }
}

package dev.zisk4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.bincode.Bincode;
import dev.zisk4j.io.transport.ProducerTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writer lifecycle rules that need to see each message: an in-memory transport that keeps what it is sent. */
class ZiskStreamTest {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** An in-memory producer transport: records messages per job; can fail after a number of messages or hold sends. */
  static final class MemoryTransport implements ProducerTransport {
    final List<List<byte[]>> jobs = new ArrayList<>();
    final int maxMessage;
    int failAfterMessages = Integer.MAX_VALUE;
    CountDownLatch sendGate = new CountDownLatch(0);
    CountDownLatch sending = new CountDownLatch(1);
    boolean connected;
    int endJobs;
    boolean closed;

    MemoryTransport(int maxMessage) {
      this.maxMessage = maxMessage;
    }

    @Override
    public URI uri() {
      return URI.create("memory://test");
    }

    @Override
    public int maxMessageBytes() {
      return maxMessage;
    }

    @Override
    public void awaitConsumer(Duration deadline) {
      if (!connected) {
        jobs.add(new ArrayList<>());
        connected = true;
      }
    }

    @Override
    public void send(ByteBuffer message) throws IOException {
      sending.countDown();
      try {
        sendGate.await();
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
      if (message.remaining() > maxMessage) {
        throw new IllegalArgumentException("too big");
      }
      if (failAfterMessages-- <= 0) {
        throw new IOException("consumer gone");
      }
      byte[] b = new byte[message.remaining()];
      message.get(b);
      jobs.getLast().add(b);
    }

    @Override
    public void endJob() {
      connected = false;
      endJobs++;
    }

    @Override
    public void close() {
      closed = true;
    }

    byte[] job(int i) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      jobs.get(i).forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  @Test
  void chunksAreTheTransportSizeRoundedDownToEightExceptTheLast() throws IOException {
    MemoryTransport t = new MemoryTransport(1003);
    try (ZiskStream s = ZiskStream.over(t)) {
      s.writeSlice(new byte[5000]);
      s.writeBytes(new byte[3]);
      s.flush();
      List<byte[]> msgs = t.jobs.getFirst();
      long total = 0;
      for (int i = 0; i < msgs.size(); i++) {
        total += msgs.get(i).length;
        if (i < msgs.size() - 1) {
          assertThat(msgs.get(i)).hasSize(1000);
        }
      }
      assertThat(total).isEqualTo(RecordFraming.recordBytes(5000) + 3);
      assertThat(msgs.getLast().length % 8).isEqualTo(3);
    }
  }

  @Test
  void tinyTransportsStillSendAtLeastEightBytes() throws IOException {
    MemoryTransport t = new MemoryTransport(8);
    try (ZiskStream s = ZiskStream.over(t)) {
      s.write(Bincode.U64, 7L);
      s.flush();
      assertThat(t.jobs.getFirst()).hasSize(2).allSatisfy(m -> assertThat(m).hasSize(8));
    }
  }

  @Test
  void aFailedFlushKeepsTheUnsentTailAndARetryResumesAtTheExactByte() throws IOException {
    MemoryTransport t = new MemoryTransport(64);
    byte[] data = new byte[1000];
    new Random(3).nextBytes(data);
    try (ZiskStream s = ZiskStream.over(t)) {
      s.writeBytes(data);
      t.failAfterMessages = 5;
      assertThatThrownBy(s::flush).isInstanceOf(IOException.class).hasMessageContaining("pending=680");
      assertThat(s.pendingBytes()).isEqualTo(1000 - 5 * 64);
      assertThat(t.endJobs).isEqualTo(1);
      t.failAfterMessages = Integer.MAX_VALUE;
      s.flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(t.job(0));
      all.writeBytes(t.job(1));
      assertThat(all.toByteArray()).isEqualTo(data);
    }
  }

  @Test
  void writesNeverBlockWhileAFlushIsSending() throws Exception {
    MemoryTransport t = new MemoryTransport(64);
    t.sendGate = new CountDownLatch(1);
    try (ZiskStream s = ZiskStream.over(t)) {
      s.writeSlice(new byte[100]);
      Future<?> flush = executor.submit(() -> {
        s.flush();
        return null;
      });
      assertThat(t.sending.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 1000; i++) {
        s.writeSlice(new byte[10]);
      }
      s.reset();
      assertThat(s.pendingBytes()).isZero();
      t.sendGate.countDown();
      flush.get(10, TimeUnit.SECONDS);
      assertThat(s.pendingBytes()).isZero();
      assertThat(t.job(0).length).isEqualTo(64);
    }
  }

  @Test
  void finishIsIdempotentAndSafeBeforeStart() throws IOException {
    MemoryTransport t = new MemoryTransport(64);
    ZiskStream s = ZiskStream.over(t);
    s.finish();
    s.finish();
    assertThat(t.endJobs).isZero();
    s.flush();
    s.finish();
    s.finish();
    assertThat(t.endJobs).isEqualTo(1);
    s.close();
    s.close();
    assertThat(t.closed).isTrue();
  }

  @Test
  void startEndsARunningJobFirst() throws IOException {
    MemoryTransport t = new MemoryTransport(64);
    try (ZiskStream s = ZiskStream.over(t)) {
      s.writeSlice(new byte[] {1});
      s.flush();
      s.start();
      assertThat(t.endJobs).isEqualTo(1);
      s.writeSlice(new byte[] {2});
      s.flush();
      assertThat(t.jobs).hasSize(2);
    }
  }

  @Test
  void transportsWithMessagesUnderEightBytesAreRefused() {
    assertThatThrownBy(() -> ZiskStream.over(new MemoryTransport(7))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessageBytes=7");
  }

  @Test
  void negativeDeadlineIsACallerBug() {
    try (ZiskStream s = ZiskStream.over(new MemoryTransport(64))) {
      assertThatThrownBy(() -> s.connectDeadline(Duration.ofSeconds(-1))).hasMessageContaining("deadline=");
    }
  }

  @Test
  void quicAndGrpcConstructorsSayWhatIsMissing() {
    assertThatThrownBy(() -> ZiskStream.quic("quic://127.0.0.1:0")).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("io-net");
    assertThatThrownBy(ZiskStream::grpc).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("io-net");
  }
}

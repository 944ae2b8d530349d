package dev.zisk4j.io.transport.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.RecordFraming;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.AbstractTransportTest;
import dev.zisk4j.io.transport.ProducerTransport;
import dev.zisk4j.io.transport.TransportTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared transport suite over gRPC push: {@code ZiskStream} pushing through {@code PushJobInput}
 * to a real {@link GrpcPushReceiver} on port 0; the receiver's per-job input is the consumer.
 */
class GrpcPushTransportTest extends AbstractTransportTest {
  private static final AtomicInteger JOBS = new AtomicInteger();
  private final List<GrpcPushReceiver> receivers = new ArrayList<>();
  private final Map<ProducerTransport, GrpcPushReceiver> receiverOf = new ConcurrentHashMap<>();
  private final Map<ProducerTransport, String> jobOf = new ConcurrentHashMap<>();

  @Override
  protected ProducerTransport newProducerTransport() throws IOException {
    GrpcPushReceiver receiver = GrpcPushReceiver.start(0);
    receivers.add(receiver);
    String job = "job-" + JOBS.incrementAndGet();
    ProducerTransport p = GrpcPushProducerTransport.builder(receiver.target()).jobId(job).build();
    receiverOf.put(p, receiver);
    jobOf.put(p, job);
    return p;
  }

  /** Each job of one stream pushes under the same job id; the receiver pairs pushes and readers in order. */
  @Override
  protected InputStream connectConsumer(ProducerTransport producer, Duration deadline) {
    return receiverOf.get(producer).input(jobOf.get(producer));
  }

  /** The receiver (the coordinator) is always there: a flush does not wait for a reader. */
  @Override
  protected boolean flushWaitsForConsumer() {
    return false;
  }

  /** Over the receiver's read-ahead (8 MiB) plus HTTP/2 windows. */
  @Override
  protected int bytesBeyondTransportBuffers() {
    return 32 << 20;
  }

  @AfterEach
  void closeReceivers() {
    receivers.forEach(GrpcPushReceiver::close);
  }

  /** With nobody listening at the endpoint, the flush fails at the deadline and keeps its bytes. */
  @Override
  @Test
  protected void flushFailsAfterTheDeadlineWhenNoReaderConnects() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (ZiskStream s = ZiskStream.grpc(GrpcPushProducerTransport.builder("localhost:" + port).jobId("j"))
        .connectDeadline(Duration.ofMillis(500))) {
      s.writeSlice(new byte[100]);
      assertThatThrownBy(s::flush).isInstanceOf(TransportTimeoutException.class)
          .hasMessageContaining("localhost:" + port).hasMessageContaining("deadline");
      assertThat(s.pendingBytes()).isEqualTo(RecordFraming.recordBytes(100));
    }
  }

  @Test
  void flushWithoutAJobIdTimesOut() throws Exception {
    try (GrpcPushReceiver receiver = GrpcPushReceiver.start(0);
        ZiskStream s = ZiskStream.grpc(GrpcPushProducerTransport.builder(receiver.target()))
            .connectDeadline(Duration.ofMillis(300))) {
      s.writeSlice(new byte[8]);
      assertThatThrownBy(s::flush).isInstanceOf(TransportTimeoutException.class).hasMessageContaining("job id");
    }
  }

  @Test
  void nextJobSwitchesTheJobIdOfTheNextPush() throws Exception {
    try (GrpcPushReceiver receiver = GrpcPushReceiver.start(0)) {
      var transport = GrpcPushProducerTransport.builder(receiver.target()).jobId("a").build();
      try (ZiskStream s = ZiskStream.over(transport)) {
        s.writeSlice(new byte[] {1});
        s.flush();
        s.finish();
        transport.nextJob("b");
        s.start();
        s.writeSlice(new byte[] {2});
        s.flush();
        s.finish();
        assertThat(receiver.input("a").readAllBytes()).hasSize(16).startsWith(1, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(receiver.input("b").readAllBytes()).hasSize(16).startsWith(1, 0, 0, 0, 0, 0, 0, 0, 2);
      }
    }
  }

  @Test
  void emptyJobStillNamesItsJobAndEnds() throws Exception {
    try (GrpcPushReceiver receiver = GrpcPushReceiver.start(0);
        var transport = GrpcPushProducerTransport.builder(receiver.target()).jobId("empty").build()) {
      transport.awaitConsumer(Duration.ofSeconds(10));
      transport.endJob();
      assertThat(receiver.input("empty").readAllBytes()).isEmpty();
    }
  }

  @Test
  void blankJobIdIsACallerBug() {
    assertThatThrownBy(() -> GrpcPushProducerTransport.builder("localhost:1").jobId(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobId=");
    assertThatThrownBy(() -> GrpcPushProducerTransport.builder(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oversizedChunkIsACallerBug() throws Exception {
    try (GrpcPushReceiver receiver = GrpcPushReceiver.start(0);
        var transport = GrpcPushProducerTransport.builder(receiver.target()).jobId("big").build()) {
      transport.awaitConsumer(Duration.ofSeconds(10));
      assertThatThrownBy(() -> transport.send(java.nio.ByteBuffer.allocate(GrpcPushTransport.MAX_CHUNK_BYTES + 1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageBytes=65536");
    }
  }
}

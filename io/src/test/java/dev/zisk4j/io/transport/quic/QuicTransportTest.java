package dev.zisk4j.io.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.transport.TransportTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuicTransportTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void messagesArriveInOrderAndEndCleanly() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      assertThat(producer.uri().getPort()).isPositive();
      CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(producer.uri()));
      producer.awaitConsumer(DEADLINE);
      byte[] expected = new byte[3 * 1024 * 1024 + 32];
      new Random(1).nextBytes(expected);
      int offset = 0;
      int[] sizes = {8, 16, 1024 * 1024, 2 * 1024 * 1024, 8};
      for (int size : sizes) {
        producer.send(ByteBuffer.wrap(expected, offset, size));
        offset += size;
      }
      producer.endJob();
      assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    }
  }

  /** Regression: read-ahead pausing once held QUIC's connection window and stalled both sides. */
  @Test
  void backToBackFullSizeMessagesNeverStallFlowControl() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
        try (InputStream in = new QuicConsumerTransport().connect(producer.uri(), DEADLINE)) {
          long total = 0;
          byte[] buf = new byte[1 << 20];
          for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
          }
          return total;
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      producer.awaitConsumer(DEADLINE);
      ByteBuffer message = ByteBuffer.allocateDirect(QuicTransport.MAX_MESSAGE_BYTES);
      int messages = 24;
      for (int i = 0; i < messages; i++) {
        message.clear();
        producer.send(message);
      }
      producer.endJob();
      assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo((long) messages * QuicTransport.MAX_MESSAGE_BYTES);
    }
  }

  /** endJob returns once the consumer holds every byte, even if nothing has been read yet. */
  @Test
  void endJobWaitsForDeliveryNotForTheReader() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      CompletableFuture<InputStream> consumer = connectAsync(producer.uri());
      producer.awaitConsumer(DEADLINE);
      byte[] expected = new byte[12 << 20];
      new Random(3).nextBytes(expected);
      for (int offset = 0; offset < expected.length; offset += QuicTransport.MAX_MESSAGE_BYTES) {
        producer.send(ByteBuffer.wrap(expected, offset, QuicTransport.MAX_MESSAGE_BYTES));
      }
      producer.endJob();
      producer.close();
      try (InputStream in = consumer.get(20, TimeUnit.SECONDS)) {
        assertThat(in.readAllBytes()).isEqualTo(expected);
      }
    }
  }

  /** More messages than the 1024 concurrent streams a consumer allows: stream credit must come back. */
  @Test
  void manyMoreMessagesThanConcurrentStreamsFlow() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(producer.uri()));
      producer.awaitConsumer(DEADLINE);
      int messages = 3 * QuicTransport.MAX_CONCURRENT_UNI_STREAMS;
      byte[] expected = new byte[messages * 8];
      for (int i = 0; i < messages; i++) {
        expected[i * 8] = (byte) i;
        expected[i * 8 + 1] = (byte) (i >> 8);
        producer.send(ByteBuffer.wrap(expected, i * 8, 8));
      }
      producer.endJob();
      assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
    }
  }

  @Test
  void neverConnectingConsumerTimesOut() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      assertThatThrownBy(() -> producer.awaitConsumer(Duration.ofMillis(200)))
          .isInstanceOf(TransportTimeoutException.class)
          .hasMessageContaining(producer.uri().toString());
    }
  }

  @Test
  void consumerWithoutProducerTimesOut() {
    assertThatThrownBy(() -> new QuicConsumerTransport().connect(URI.create("quic://127.0.0.1:9"), Duration.ofMillis(700)))
        .isInstanceOf(TransportTimeoutException.class);
  }

  @Test
  void consumerThatDisconnectsFailsTheNextSend() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      CompletableFuture<InputStream> consumer = connectAsync(producer.uri());
      producer.awaitConsumer(DEADLINE);
      producer.send(ByteBuffer.wrap(new byte[8]));
      InputStream in = consumer.get(10, TimeUnit.SECONDS);
      assertThat(in.readNBytes(8)).hasSize(8);
      in.close();
      assertThatThrownBy(() -> {
        for (int i = 0; i < 1000; i++) {
          producer.send(ByteBuffer.wrap(new byte[64 * 1024]));
        }
      }).isInstanceOf(IOException.class).hasMessageContaining("consumer gone");
      producer.endJob();
    }
  }

  static CompletableFuture<InputStream> connectAsync(URI uri) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new QuicConsumerTransport().connect(uri, DEADLINE);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
  }

  static byte[] readAll(URI uri) {
    try (InputStream in = new QuicConsumerTransport().connect(uri, DEADLINE)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}

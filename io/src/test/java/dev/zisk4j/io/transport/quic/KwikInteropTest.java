package dev.zisk4j.io.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

/**
 * Our QUIC producer against an independent QUIC stack (kwik, pure Java) as the consumer: the wire
 * (ALPN, self-signed "localhost" certificate, server-initiated unidirectional streams with FIN, the
 * empty end-of-job stream, close code 0) is plain RFC 9000 and not an artefact of Netty on both ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KwikInteropTest {

  @Test
  void kwikConsumerReadsEveryMessageInStreamOrderAndEndsTheJob() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      Map<Integer, byte[]> byStreamId = new ConcurrentSkipListMap<>();
      // Every stream (6 messages + the empty end marker) is read on its own thread; the consumer
      // closes only once all of them are read, as ours does (closing at the end marker alone would
      // race the reads of the larger, earlier streams).
      CountDownLatch allStreams = new CountDownLatch(7);
      QuicClientConnection kwik = QuicClientConnection.newBuilder()
          .uri(URI.create("https://localhost:" + producer.uri().getPort()))
          .preferIPv4()
          .applicationProtocol(QuicTransport.ALPN)
          .noServerCertificateCheck()
          .maxOpenPeerInitiatedUnidirectionalStreams(QuicTransport.MAX_CONCURRENT_UNI_STREAMS)
          .connectTimeout(Duration.ofSeconds(20))
          .build();
      kwik.setPeerInitiatedStreamCallback(stream -> Thread.ofPlatform().daemon().start(() -> {
        try {
          byte[] message = stream.getInputStream().readAllBytes();
          byStreamId.put(stream.getStreamId(), message);
        } catch (IOException e) {
          byStreamId.put(stream.getStreamId(), ("failed: " + e).getBytes());
        } finally {
          allStreams.countDown();
        }
      }));
      CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
        try {
          kwik.connect();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      producer.awaitConsumer(Duration.ofSeconds(20));
      connected.get(20, TimeUnit.SECONDS);

      Random random = new Random(11);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      int[] sizes = {8, 1, 65_536, 3 << 20, 24, QuicTransport.MAX_MESSAGE_BYTES};
      for (int size : sizes) {
        byte[] message = new byte[size];
        random.nextBytes(message);
        expected.writeBytes(message);
        producer.send(ByteBuffer.wrap(message));
      }
      CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
        try {
          producer.endJob();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      assertThat(allStreams.await(30, TimeUnit.SECONDS)).isTrue();
      kwik.close(QuicTransport.CLOSE_JOB_DONE, "job received"); // what our consumer does
      ended.get(20, TimeUnit.SECONDS);

      assertThat(byStreamId.keySet()).containsExactly(3, 7, 11, 15, 19, 23, 27);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byStreamId.values().forEach(received::writeBytes);
      assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
    }
  }

  /** A kwik server as the producer: our {@code quic://} consumer reads its streams in order. */
  @Test
  void ourConsumerReadsAKwikProducer() throws Exception {
    LocalhostCertificate certificate = LocalhostCertificate.generate();
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    char[] password = "zisk4j".toCharArray();
    keyStore.setKeyEntry("localhost", certificate.key(), password, new X509Certificate[] {certificate.certificate()});
    Random random = new Random(12);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    byte[][] messages = new byte[5][];
    for (int i = 0; i < messages.length; i++) {
      messages[i] = new byte[1 + random.nextInt(200_000)];
      random.nextBytes(messages[i]);
      expected.writeBytes(messages[i]);
    }
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      ServerConnector server = ServerConnector.builder()
          .withSocket(socket)
          .withKeyStore(keyStore, "localhost", password)
          .withLogger(new NullLogger())
          .withConfiguration(ServerConnectionConfig.builder()
              .maxIdleTimeoutInSeconds(30)
              .maxOpenPeerInitiatedUnidirectionalStreams(0)
              .maxOpenPeerInitiatedBidirectionalStreams(0)
              .build())
          .build();
      server.registerApplicationProtocol(QuicTransport.ALPN, (protocol, connection) -> {
        Thread.ofPlatform().daemon().start(() -> {
          try {
            for (byte[] message : messages) {
              QuicStream stream = connection.createStream(false);
              stream.getOutputStream().write(message);
              stream.getOutputStream().close();
            }
            QuicStream end = connection.createStream(false);
            end.getOutputStream().close();
          } catch (IOException e) {
            connection.close(9, "producer failed: " + e);
          }
        });
        return new ApplicationProtocolConnection() {};
      });
      server.start();
      try {
        URI uri = URI.create("quic://127.0.0.1:" + socket.getLocalPort());
        try (InputStream in = new QuicConsumerTransport().connect(uri, Duration.ofSeconds(20))) {
          assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
        }
      } finally {
        server.close();
      }
    }
  }

  /**
   * Why ALPN is {@value QuicTransport#ALPN} and not absent as in ZisK: a client offering another
   * protocol (as any ZisK-era peer would, having none) is refused during the handshake.
   */
  @Test
  void aClientWithoutOurAlpnIsRefused() throws Exception {
    try (var producer = QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"))) {
      QuicClientConnection other = QuicClientConnection.newBuilder()
          .uri(URI.create("https://localhost:" + producer.uri().getPort()))
          .preferIPv4()
          .applicationProtocol("zisk-other")
          .noServerCertificateCheck()
          .connectTimeout(Duration.ofSeconds(5))
          .build();
      assertThatThrownBy(other::connect).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> producer.awaitConsumer(Duration.ofMillis(300)))
          .isInstanceOf(dev.zisk4j.io.transport.TransportTimeoutException.class);
    }
  }
}

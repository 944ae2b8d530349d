package dev.zisk4j.io.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code quic://} consumer against producers that break the protocol: each gets a clear error, never silent data loss. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuicConsumerHostileProducerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private static QuicStreamChannel stream(QuicChannel c) throws Exception {
    return c.createStream(QuicStreamType.UNIDIRECTIONAL, new io.netty.channel.ChannelInboundHandlerAdapter()).sync().getNow();
  }

  @Test
  void streamOverTenMebibytesIsRejected() throws Exception {
    try (var producer = new ScriptedQuicProducer()) {
      var consumer = QuicTransportTest.connectAsync(producer.uri());
      QuicChannel c = producer.connection();
      QuicStreamChannel s = stream(c);
      byte[] mib = new byte[1 << 20];
      for (int i = 0; i <= 10; i++) {
        s.writeAndFlush(Unpooled.wrappedBuffer(mib));
      }
      try (InputStream in = consumer.get(20, TimeUnit.SECONDS)) {
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
            .hasMessageContaining("too large").hasMessageContaining("streamId=3");
      }
    }
  }

  @Test
  void connectionClosedWithAnErrorMidMessageNamesTheStream() throws Exception {
    try (var producer = new ScriptedQuicProducer()) {
      var consumer = QuicTransportTest.connectAsync(producer.uri());
      QuicChannel c = producer.connection();
      stream(c).writeAndFlush(new DefaultQuicStreamFrame(Unpooled.wrappedBuffer(new byte[16]), true)).sync();
      stream(c).writeAndFlush(Unpooled.wrappedBuffer(new byte[5])).sync(); // no FIN
      try (InputStream in = consumer.get(20, TimeUnit.SECONDS)) {
        assertThat(in.readNBytes(16)).hasSize(16);
        c.close(true, 7, Unpooled.EMPTY_BUFFER);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class)
            .hasMessageContaining("closed mid-message").hasMessageContaining("streamId=7");
      }
    }
  }

  @Test
  void errorCloseAtAMessageBoundaryIsNotACleanEnd() throws Exception {
    try (var producer = new ScriptedQuicProducer()) {
      var consumer = QuicTransportTest.connectAsync(producer.uri());
      QuicChannel c = producer.connection();
      stream(c).writeAndFlush(new DefaultQuicStreamFrame(Unpooled.wrappedBuffer(new byte[8]), true)).sync();
      try (InputStream in = consumer.get(20, TimeUnit.SECONDS)) {
        assertThat(in.readNBytes(8)).hasSize(8);
        c.close(true, 5, Unpooled.EMPTY_BUFFER);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("lost before end of input");
      }
    }
  }

  @Test
  void zisKStyleCloseWithCodeZeroAtABoundaryIsACleanEnd() throws Exception {
    try (var producer = new ScriptedQuicProducer()) {
      var consumer = QuicTransportTest.connectAsync(producer.uri());
      QuicChannel c = producer.connection();
      stream(c).writeAndFlush(new DefaultQuicStreamFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), true)).sync();
      try (InputStream in = consumer.get(20, TimeUnit.SECONDS)) {
        assertThat(in.readNBytes(8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        c.close(true, 0, Unpooled.EMPTY_BUFFER);
        assertThat(in.read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void streamsArrivingOutOfOrderAreReadInIdOrder() throws Exception {
    try (var producer = new ScriptedQuicProducer()) {
      var consumer = QuicTransportTest.connectAsync(producer.uri());
      QuicChannel c = producer.connection();
      QuicStreamChannel first = stream(c);
      QuicStreamChannel second = stream(c);
      second.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.wrappedBuffer(new byte[] {2}), true)).sync();
      first.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.wrappedBuffer(new byte[] {1}), true)).sync();
      stream(c).writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true)).sync();
      try (InputStream in = consumer.get(20, TimeUnit.SECONDS)) {
        assertThat(in.readAllBytes()).containsExactly(1, 2);
      }
    }
  }

  @Test
  void badUrisAreCallerBugs() {
    var consumer = new QuicConsumerTransport();
    assertThatThrownBy(() -> consumer.connect(java.net.URI.create("quic://localhost:1"), DEADLINE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP literal");
    assertThatThrownBy(() -> consumer.connect(java.net.URI.create("unix:///tmp/x"), DEADLINE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uri=unix:///tmp/x");
    assertThatThrownBy(() -> consumer.connect(java.net.URI.create("quic://127.0.0.1"), DEADLINE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ip:port");
    assertThat(QuicTransport.socketAddressOf(java.net.URI.create("quic://[::1]:5")).getPort()).isEqualTo(5);
  }
}

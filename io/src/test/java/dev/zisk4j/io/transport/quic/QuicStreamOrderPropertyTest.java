package dev.zisk4j.io.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever order a producer finishes its streams in, the consumer yields their bytes in stream-id
 * order, each message whole (spec §1.8: streams consumed in order).
 */
class QuicStreamOrderPropertyTest {

  @Property(tries = 12)
  void bytesComeOutInStreamIdOrder(
      @ForAll @IntRange(min = 1, max = 12) int messages,
      @ForAll @IntRange(min = 0, max = 70_000) int maxMessageBytes,
      @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    try (var producer = new ScriptedQuicProducer()) {
      var consumer = QuicTransportTest.connectAsync(producer.uri());
      QuicChannel c = producer.connection();
      List<QuicStreamChannel> streams = new ArrayList<>();
      List<byte[]> payloads = new ArrayList<>();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (int i = 0; i < messages; i++) {
        streams.add(c.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter()).sync().getNow());
        byte[] payload = new byte[1 + random.nextInt(maxMessageBytes + 1)];
        random.nextBytes(payload);
        payloads.add(payload);
        expected.writeBytes(payload);
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        order.add(i);
      }
      Collections.shuffle(order, random);
      for (int i : order) {
        streams.get(i).writeAndFlush(new DefaultQuicStreamFrame(Unpooled.wrappedBuffer(payloads.get(i)), true)).sync();
      }
      c.createStream(QuicStreamType.UNIDIRECTIONAL, new ChannelInboundHandlerAdapter()).sync().getNow()
          .writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true)).sync();
      try (InputStream in = consumer.get(20, TimeUnit.SECONDS)) {
        assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
      }
    }
  }
}

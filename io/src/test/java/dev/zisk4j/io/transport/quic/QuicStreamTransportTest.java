package dev.zisk4j.io.transport.quic;

import dev.zisk4j.io.transport.AbstractTransportTest;
import dev.zisk4j.io.transport.ProducerTransport;
import java.io.IOException;
import java.net.URI;

/** The shared transport suite over QUIC on loopback: {@code ZiskStream} over a QUIC producer, {@code quic://} consumer. */
class QuicStreamTransportTest extends AbstractTransportTest {

  @Override
  protected ProducerTransport newProducerTransport() throws IOException {
    return QuicProducerTransport.bind(URI.create("quic://127.0.0.1:0"));
  }

  /** Over the consumer's receive window (32 MiB) plus its read-ahead (16 MiB). */
  @Override
  protected int bytesBeyondTransportBuffers() {
    return 96 << 20;
  }
}

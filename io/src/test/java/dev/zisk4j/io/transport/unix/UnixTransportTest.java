package dev.zisk4j.io.transport.unix;

import dev.zisk4j.io.transport.AbstractTransportTest;
import dev.zisk4j.io.transport.ProducerTransport;
import java.io.IOException;

/** The shared transport suite over {@code unix()}: the SDK listens, the consumer connects. */
class UnixTransportTest extends AbstractTransportTest {
  @Override
  protected ProducerTransport newProducerTransport() throws IOException {
    return UnixProducerTransport.bindTemporary();
  }
}

package dev.zisk4j.io.transport.unix;

import dev.zisk4j.io.transport.ConsumerTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/** Consumer side of {@code unix://}: connects to the producer's socket and reads its messages as one byte stream. */
public final class UnixConsumerTransport implements ConsumerTransport {
  @Override
  public InputStream connect(URI uri, Duration deadline) throws IOException {
    return new SeqPacketInputStream(SeqPacketSocket.connect(UnixTransport.pathOf(uri), deadline));
  }
}

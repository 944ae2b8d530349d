package dev.zisk4j.io.transport.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.RecordFraming;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.AbstractTransportTest;
import dev.zisk4j.io.transport.ProducerTransport;
import dev.zisk4j.io.transport.TransportTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared suite over {@code unixExternal(path)}: the consumer (another process in production) owns
 * and listens on the socket; the SDK connects per job and writes.
 */
class UnixExternalTransportTest extends AbstractTransportTest {
  private final Map<ProducerTransport, SeqPacketListener> listeners = new ConcurrentHashMap<>();

  @Override
  protected ProducerTransport newProducerTransport() throws IOException {
    SeqPacketListener listener = SeqPacketListener.bind(Path.of("/tmp", "zisk4j-ext-" + UUID.randomUUID() + ".sock"));
    ProducerTransport p = new UnixExternalProducerTransport(listener.path());
    listeners.put(p, listener);
    return p;
  }

  @Override
  protected InputStream connectConsumer(ProducerTransport producer, Duration deadline) throws IOException {
    return new SeqPacketInputStream(listeners.get(producer).accept(deadline));
  }

  @Override
  protected boolean flushWaitsForConsumer() {
    return false;
  }

  @AfterEach
  void closeListeners() {
    listeners.values().forEach(SeqPacketListener::close);
  }

  @Override
  @Test
  protected void flushFailsAfterTheDeadlineWhenNoReaderConnects() throws Exception {
    Path nobody = Path.of("/tmp", "zisk4j-none-" + UUID.randomUUID() + ".sock");
    try (ZiskStream s = ZiskStream.unixExternal(nobody).connectDeadline(Duration.ofMillis(300))) {
      s.writeSlice(new byte[3]);
      assertThatThrownBy(s::flush).isInstanceOf(TransportTimeoutException.class).hasMessageContaining(nobody.toString());
      assertThat(s.pendingBytes()).isEqualTo(RecordFraming.recordBytes(3));
    }
  }

  @Test
  void closingTheStreamLeavesTheExternalSocketFileAlone() throws Exception {
    ZiskStream s = newStream();
    Path path = UnixTransport.pathOf(s.uri());
    s.close();
    assertThat(Files.exists(path)).isTrue();
  }
}

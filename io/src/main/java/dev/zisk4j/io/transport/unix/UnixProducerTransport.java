package dev.zisk4j.io.transport.unix;

import dev.zisk4j.io.transport.ProducerTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The SDK side of {@code unix()} / {@code unixAt(path)}: owns a listening SEQPACKET socket file from
 * construction to {@link #close}, and accepts one consumer connection per job.
 *
 * <p>A consumer that connects before the job's {@link #awaitConsumer} waits in the listen backlog.
 */
public final class UnixProducerTransport implements ProducerTransport {
  private final SeqPacketListener listener;
  private final URI uri;
  private SeqPacketSocket connection;

  private UnixProducerTransport(SeqPacketListener listener) {
    this.listener = listener;
    this.uri = UnixTransport.uriOf(listener.path());
  }

  /** Listens at {@code path}, replacing a stale socket file there. */
  public static UnixProducerTransport bind(Path path) throws IOException {
    return new UnixProducerTransport(SeqPacketListener.bind(path.toAbsolutePath()));
  }

  /** Listens at {@code /tmp/zisk-input-<uuid v4>.sock}, ZisK's default location. */
  public static UnixProducerTransport bindTemporary() throws IOException {
    return bind(Path.of("/tmp", "zisk-input-" + UUID.randomUUID() + ".sock"));
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public int maxMessageBytes() {
    return UnixTransport.MAX_MESSAGE_BYTES;
  }

  @Override
  public synchronized void awaitConsumer(Duration deadline) throws IOException {
    if (connection == null) {
      connection = listener.accept(deadline);
    }
  }

  @Override
  public void send(ByteBuffer message) throws IOException {
    SeqPacketSocket c;
    synchronized (this) {
      c = connection;
    }
    if (c == null) {
      throw new IOException("no consumer connected: uri=" + uri);
    }
    c.send(message);
  }

  @Override
  public synchronized void endJob() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  @Override
  public void close() {
    endJob();
    listener.close();
  }
}

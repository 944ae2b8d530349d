package dev.zisk4j.io.transport.unix;

import dev.zisk4j.io.transport.ProducerTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The SDK side of {@code unixExternal(path)}: another process owns the socket file and listens on it;
 * the SDK connects per job and only writes. Nothing is bound, created or unlinked here.
 *
 * <p>Difference from ZisK, where start/finish are no-ops for an external socket: here each job
 * connects on its first flush and disconnects on finish, so the listener sees a clean end of input
 * per job just as with {@code unix()}.
 */
public final class UnixExternalProducerTransport implements ProducerTransport {
  private final Path path;
  private final URI uri;
  private SeqPacketSocket connection;
  private boolean closed;

  public UnixExternalProducerTransport(Path path) {
    SeqPacketNative.checkPathFits(path.toAbsolutePath());
    this.path = path.toAbsolutePath();
    this.uri = UnixTransport.uriOf(this.path);
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
    if (closed) {
      throw new IOException("transport closed: uri=" + uri);
    }
    if (connection == null) {
      connection = SeqPacketSocket.connect(path, deadline);
    }
  }

  @Override
  public void send(ByteBuffer message) throws IOException {
    SeqPacketSocket c;
    synchronized (this) {
      c = connection;
    }
    if (c == null) {
      throw new IOException("not connected to the external socket: uri=" + uri);
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
  public synchronized void close() {
    endJob();
    closed = true;
  }
}

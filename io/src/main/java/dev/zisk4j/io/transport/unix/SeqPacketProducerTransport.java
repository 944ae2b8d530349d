package dev.zisk4j.io.transport.unix;

import dev.zisk4j.io.transport.ProducerTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What both unix producer transports share: one SEQPACKET connection per job, opened by
 * {@link #openConnection} and closed by {@link #endJob} (the consumer reads that as end of input).
 */
abstract sealed class SeqPacketProducerTransport implements ProducerTransport
    permits UnixProducerTransport, UnixExternalProducerTransport {
  /**
   * Kernel send buffer asked for per connection. The 208 KiB default holds barely one 128 KiB
   * message, so producer and consumer would take turns; the kernel clamps this to wmem_max.
   */
  static final int SEND_BUFFER_BYTES = 1 << 20;

  private final URI uri;
  private SeqPacketSocket connection;
  private volatile boolean closed;

  SeqPacketProducerTransport(URI uri) {
    this.uri = uri;
  }

  /** Opens the job's connection (accept, or connect to an external listener) within {@code deadline}. */
  abstract SeqPacketSocket openConnection(Duration deadline) throws IOException;

  /** Releases what the transport owns beyond the connection (the listener). */
  abstract void release();

  @Override
  public final URI uri() {
    return uri;
  }

  @Override
  public final int maxMessageBytes() {
    return UnixTransport.MAX_MESSAGE_BYTES;
  }

  @Override
  public final synchronized void awaitConsumer(Duration deadline) throws IOException {
    if (closed) {
      throw new IOException("transport closed: uri=" + uri);
    }
    if (connection == null) {
      SeqPacketSocket c = openConnection(deadline);
      try {
        c.setSendBufferSize(SEND_BUFFER_BYTES);
      } catch (IOException e) {
        c.close();
        throw e;
      }
      connection = c;
    }
  }

  @Override
  public final void send(ByteBuffer message) throws IOException {
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
  public final synchronized void endJob() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  /** Whether {@link #close} has begun; a connect loop polls it so close never waits for a deadline. */
  final boolean isClosed() {
    return closed;
  }

  @Override
  public final void close() {
    closed = true;
    // Release first: closing the listener wakes an accept that holds this object's monitor.
    release();
    synchronized (this) {
      endJob();
    }
  }
}

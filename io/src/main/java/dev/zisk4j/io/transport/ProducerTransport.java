package dev.zisk4j.io.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Producer side of one transport kind, owned by one {@code ZiskStream} for its life; reused job after job.
 *
 * <p>Call order per job: {@link #awaitConsumer}, any number of {@link #send}, {@link #endJob}. A
 * transport is driven by one thread at a time (the owning stream serialises calls); {@link #close}
 * may come from any thread.
 */
public interface ProducerTransport extends AutoCloseable {

  /** What a consumer connects to, e.g. {@code unix:///tmp/x.sock}, {@code quic://127.0.0.1:4433}. */
  URI uri();

  /** Largest message {@link #send} accepts: unix 128 KiB; QUIC and gRPC as their transports decide. */
  int maxMessageBytes();

  /**
   * Blocks until a consumer is connected for the current job; returns at once if one already is.
   *
   * @throws TransportTimeoutException if no consumer connected before {@code deadline} elapsed
   * @throws IOException if the transport is closed or broken
   */
  void awaitConsumer(Duration deadline) throws IOException;

  /**
   * Sends one message (at most {@link #maxMessageBytes()} bytes, from position to limit) completely.
   *
   * <p>The buffer is usually a read-only direct view of the stream's pending bytes: the transport must
   * be done with it when this returns (copy it if the transport writes asynchronously), because the
   * memory is reused for later bytes.
   *
   * @throws IOException if the consumer is gone; the caller still owns the bytes and may resend them
   *     to the next job's consumer
   * @throws IllegalArgumentException if the message is larger than {@link #maxMessageBytes()}
   */
  void send(ByteBuffer message) throws IOException;

  /**
   * Ends the current job's input: the consumer sees a clean end of input; the next
   * {@link #awaitConsumer} waits for the next job's consumer. Idempotent, safe without a consumer.
   */
  void endJob() throws IOException;

  /** Idempotent; releases everything (socket files, ports). Never throws. */
  @Override
  void close();
}

package dev.zisk4j.datastream.server;

import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns away connections beyond the client limit with a reason the client can read: a Result
 * {@link ResultCode#SERVER_FULL} ("Server full", errorNum 100), which either client reads as the
 * reply to its first command. The socket is then half-closed and the client's first command
 * drained for a moment, so closing does not reset the connection before the client has read the
 * reason. At most {@link #MAX_IN_FLIGHT} refusals are in that state at once; beyond that (a flood)
 * connections are closed at once without a word.
 *
 * <p>Logging: a flood must not become one warning per connection. The first refusal is logged, then
 * at most one line per {@link #LOG_EVERY_NANOS} with the number refused since.
 */
final class Refusals {
  private static final Logger log = LoggerFactory.getLogger(Refusals.class);
  static final int MAX_IN_FLIGHT = 64;
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int DRAIN_MILLIS = 1000;

  private final int maxClients;
  private final ServerMetrics metrics;
  private final LongSupplier clock;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final byte[] reply = ResultPacket.of(ResultCode.SERVER_FULL).encode();
  private long lastLogNanos; // guarded by this
  private long sinceLog; // guarded by this
  private boolean logged; // guarded by this

  Refusals(int maxClients, ServerMetrics metrics, LongSupplier clock) {
    this.maxClients = maxClients;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Refuses {@code s} (on the accept thread: never blocks). */
  void refuse(SocketChannel s, int clients) {
    metrics.rejected();
    report(s, clients);
    if (!inFlight.tryAcquire()) {
      closeQuietly(s);
      return;
    }
    Thread.ofVirtual().name("ds-refuse").start(() -> {
      try {
        s.write(ByteBuffer.wrap(reply));
        s.shutdownOutput();
        s.socket().setSoTimeout(DRAIN_MILLIS);
        InputStream in = s.socket().getInputStream();
        byte[] sink = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (System.nanoTime() < deadline && in.read(sink) >= 0) {
          // the client's first command and anything after it: read so close sends FIN, not RST
        }
      } catch (IOException e) {
        log.debug("refusal of {} ended: {}", s.socket().getRemoteSocketAddress(), e.getMessage());
      } finally {
        closeQuietly(s);
        inFlight.release();
      }
    });
  }

  private synchronized void report(SocketChannel s, int clients) {
    long now = clock.getAsLong();
    sinceLog++;
    if (!logged || now - lastLogNanos >= LOG_EVERY_NANOS) {
      log.warn("refused {}: server full ({} of maxClients={} connected); {} connection(s) refused since the last"
          + " report; next report in 10 s at the earliest", s.socket().getRemoteSocketAddress(), clients, maxClients,
          sinceLog);
      logged = true;
      lastLogNanos = now;
      sinceLog = 0;
    }
  }

  private static void closeQuietly(SocketChannel s) {
    try {
      s.close();
    } catch (IOException e) {
      log.debug("close failed", e);
    }
  }
}

package dev.zisk4j.datastream.server;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.EntryCursor;
import dev.zisk4j.datastream.file.StreamTruncatedException;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one client from its own cursor (pull model): catch-up and live are the same loop, so the
 * client gets every committed entry from {@code from} on exactly once, in order, with no seam at the
 * switch; and the producer never waits for a client, because nothing is queued for it.
 *
 * <p>Each run of entries the cursor yields is written at once (at the latest at the committed end,
 * i.e. an atomic-op boundary), so a live client sees each commit as soon as it happens.
 */
final class EntryStreamer implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EntryStreamer.class);
  /** Upper bound of one wait; only bounds how long a missed wake-up could delay, never correctness. */
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final DataStream stream;
  private final ClientConnection conn;
  private final CommitNotifier notifier;
  private final Runnable onCaughtUp;
  private volatile long position;
  private volatile boolean stopRequested;
  private volatile Thread thread;

  EntryStreamer(DataStream stream, CommitNotifier notifier, ClientConnection conn, long from, Runnable onCaughtUp) {
    this.stream = stream;
    this.notifier = notifier;
    this.conn = conn;
    this.position = from;
    this.onCaughtUp = onCaughtUp;
  }

  /** The next entry number to send. */
  long position() {
    return position;
  }

  void start(ThreadFactory factory, String name) {
    Thread t = factory.newThread(this);
    t.setName(name);
    thread = t;
    t.start();
  }

  @Override
  public void run() {
    try {
      streamLoop();
    } catch (StreamTruncatedException e) {
      conn.close(DisconnectReason.TRUNCATED, e.getMessage());
    } catch (IOException e) {
      conn.close(DisconnectReason.IO_ERROR, "write failed: " + e.getMessage());
    } catch (RuntimeException e) {
      log.warn("client {}: streaming failed", conn.remote(), e);
      conn.close(DisconnectReason.IO_ERROR, e.toString());
    }
  }

  private void streamLoop() throws IOException {
    // A relay may let a client start ahead of its file: wait until `from` exists.
    while (stream.header().totalEntries() < position) {
      if (!awaitBeyond(position - 1)) {
        return;
      }
    }
    try (EntryCursor cursor = stream.cursor(position)) {
      while (!isStopRequested()) {
        long last = conn.pump(cursor);
        if (last >= 0) {
          position = last + 1;
          if (stream.header().totalEntries() > position) {
            // Virtual threads are not time-sliced: a client that is behind would keep its carrier
            // as long as it never blocks. Yielding after each run shares the CPU round-robin. A
            // client that is now caught up goes straight to waiting (no yield, no empty pump).
            Thread.yield();
            continue;
          }
        }
        conn.flush();
        onCaughtUp.run();
        if (!awaitBeyond(position)) {
          return;
        }
      }
    } finally {
      if (!conn.isClosed()) {
        conn.flush();
      }
    }
  }

  /** Waits until more than {@code entries} are committed or a stop is requested; false on stop. */
  private boolean awaitBeyond(long entries) {
    Thread me = Thread.currentThread();
    notifier.register(me);
    try {
      // Re-check after registering: a commit from here on unparks us.
      if (!stopRequested && stream.header().totalEntries() <= entries) {
        LockSupport.parkNanos(this, WAIT_NANOS);
      }
    } finally {
      notifier.unregister(me);
    }
    return !stopRequested;
  }

  private boolean isStopRequested() {
    return stopRequested;
  }

  /** Asks the loop to end; wakes it if it waits for commits (an unpark never disturbs a write). */
  void requestStop() {
    stopRequested = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Stops the loop and waits for it to end (it ends at the latest when its current write does). */
  void stopAndJoin() {
    requestStop();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

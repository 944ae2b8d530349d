package dev.zisk4j.datastream.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the streamers that wait at the committed end, off the producer's thread once there are
 * more than a few: a commit then costs the producer one counter increment and one unpark of this
 * notifier's thread, however many clients there are; the notifier unparks each waiting streamer. No lock is shared between
 * the producer and the streamers (a shared condition made every commit contend with every client).
 *
 * <p>Waiting protocol (no lost wake-up): a streamer {@link #register}s, re-checks the committed
 * count, parks, and {@link #unregister}s; a commit after the register unparks it.
 */
final class CommitNotifier implements AutoCloseable {
  /** Up to this many waiting streamers are woken by the producer's thread itself. */
  private static final int DIRECT_WAKE_LIMIT = 8;

  private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
  private final AtomicLong commits = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  CommitNotifier() {
    thread = Thread.ofPlatform().daemon().name("ds-notifier").start(this::loop);
  }

  /**
   * Called on the producer's thread after each commit. With a few waiting streamers they are
   * unparked right here (one hop less, lower latency); with more, the notifier thread does it.
   */
  void committed() {
    commits.incrementAndGet();
    if (waiting.size() <= DIRECT_WAKE_LIMIT) {
      for (Thread t : waiting) {
        LockSupport.unpark(t);
      }
    } else {
      LockSupport.unpark(thread);
    }
  }

  void register(Thread t) {
    waiting.add(t);
  }

  void unregister(Thread t) {
    waiting.remove(t);
  }

  private void loop() {
    long seen = 0;
    while (!closed) {
      long now = commits.get();
      if (now == seen) {
        LockSupport.park(this);
        continue;
      }
      seen = now;
      for (Thread t : waiting) {
        LockSupport.unpark(t);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}

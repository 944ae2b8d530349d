package dev.zisk4j.datastream.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the streamers that wait at the committed end, off the producer's thread: a commit costs
 * the producer one counter increment and one unpark of this notifier's thread, however many
 * clients there are; the notifier then unparks each waiting streamer. No lock is shared between
 * the producer and the streamers (a shared condition made every commit contend with every client).
 *
 * <p>Waiting protocol (no lost wake-up): a streamer {@link #register}s, re-checks the committed
 * count, parks, and {@link #unregister}s; a commit after the register unparks it.
 */
final class CommitNotifier implements AutoCloseable {
  private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
  private final AtomicLong commits = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  CommitNotifier() {
    thread = Thread.ofPlatform().daemon().name("ds-notifier").start(this::loop);
  }

  /** Called on the producer's thread after each commit (or truncate). */
  void committed() {
    commits.incrementAndGet();
    LockSupport.unpark(thread);
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

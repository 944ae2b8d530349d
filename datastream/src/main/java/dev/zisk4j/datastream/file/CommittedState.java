package dev.zisk4j.datastream.file;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What readers of a {@link DataStream} see and are told: the committed header, the seqlock around
 * in-place changes of committed bytes (truncate, rewrite), the truncation points for cursors, the
 * waiters of {@code awaitCommitted} and the commit/truncate listeners.
 *
 * <p>Writers (publish, changes) are the producer side and come one at a time; every reader method
 * is safe from any thread.
 */
final class CommittedState {
  private static final Logger LOG = LoggerFactory.getLogger(CommittedState.class);

  private volatile StreamHeader header;
  /** Seqlock: odd while an in-place change of committed bytes runs. */
  private final AtomicLong changeSeq = new AtomicLong();
  private final CopyOnWriteArrayList<Long> truncations = new CopyOnWriteArrayList<>();
  private final ReentrantLock waitLock = new ReentrantLock();
  private final Condition changed = waitLock.newCondition();
  private volatile int waiters;
  private volatile boolean closed;
  private final AtomicLong commits = new AtomicLong();
  private final CopyOnWriteArrayList<CommitListener> commitListeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<TruncateListener> truncateListeners = new CopyOnWriteArrayList<>();

  CommittedState(StreamHeader header) {
    this.header = header;
  }

  StreamHeader header() {
    return header;
  }

  long commits() {
    return commits.get();
  }

  /** Makes a commit visible, wakes waiters and tells listeners (callers publish in commit order). */
  void publish(long firstEntry, StreamHeader h) {
    header = h;
    commits.incrementAndGet();
    wakeWaiters();
    for (CommitListener l : commitListeners) {
      try {
        l.committed(firstEntry, h.totalEntries());
      } catch (RuntimeException e) {
        LOG.warn("commit listener failed: listener={}, firstEntry={}, end={}", l, firstEntry, h.totalEntries(), e);
      }
    }
  }

  /** Starts an in-place change of committed bytes: readers retry until {@link #endChange()}. */
  void beginChange() {
    changeSeq.incrementAndGet();
  }

  void endChange() {
    changeSeq.incrementAndGet();
  }

  /** Inside a change: the committed state is now {@code cut}, entries from {@code cut.totalEntries()} on are gone. */
  void truncate(StreamHeader cut) {
    truncations.add(cut.totalEntries());
    header = cut;
  }

  /** After a truncate: tells the truncate listeners and wakes waiters. */
  void announceTruncate(long newTotalEntries) {
    for (TruncateListener l : truncateListeners) {
      try {
        l.truncated(newTotalEntries);
      } catch (RuntimeException e) {
        LOG.warn("truncate listener failed: listener={}, n={}", l, newTotalEntries, e);
      }
    }
    wakeWaiters();
  }

  /** The seqlock value once no in-place change is running. */
  long stableSeq() {
    long s;
    while (((s = changeSeq.get()) & 1) != 0) {
      Thread.onSpinWait();
    }
    return s;
  }

  long changeSeq() {
    return changeSeq.get();
  }

  /** Truncate points since open, in order (cursors remember how many they have seen). */
  List<Long> truncations() {
    return truncations;
  }

  /** See {@link DataStream#awaitCommitted}. */
  long awaitCommitted(long beyondEntries, long timeoutNanos) throws InterruptedException {
    long total = header.totalEntries();
    if (total > beyondEntries || timeoutNanos <= 0) {
      return total;
    }
    long deadline = System.nanoTime() + timeoutNanos;
    waitLock.lock();
    try {
      waiters++;
      try {
        while ((total = header.totalEntries()) <= beyondEntries && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          changed.awaitNanos(left);
        }
        return total;
      } finally {
        waiters--;
      }
    } finally {
      waitLock.unlock();
    }
  }

  /** Releases every waiter for good (the stream is closing). */
  void close() {
    closed = true;
    wakeWaiters();
  }

  void addCommitListener(CommitListener l) {
    commitListeners.add(l);
  }

  void removeCommitListener(CommitListener l) {
    commitListeners.remove(l);
  }

  void addTruncateListener(TruncateListener l) {
    truncateListeners.add(l);
  }

  void removeTruncateListener(TruncateListener l) {
    truncateListeners.remove(l);
  }

  private void wakeWaiters() {
    // Waiters bump the volatile count before re-reading the header, so either they see the new
    // header or we see them here.
    if (waiters == 0) {
      return;
    }
    waitLock.lock();
    try {
      changed.signalAll();
    } finally {
      waitLock.unlock();
    }
  }
}

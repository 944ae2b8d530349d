package dev.zisk4j.datastream.file;

import dev.zisk4j.datastream.index.BookmarkIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sealed atomic operations durable in {@link Durability#FSYNC} mode, many per sync.
 *
 * <p>Committers {@link #submit} their sealed op and then {@link #awaitDurable wait}. The first waiter
 * to find no sync running becomes the leader: it takes every op queued so far, syncs the data,
 * writes the newest header, syncs again and publishes them in order; ops that arrive meanwhile
 * queue up for the next leader. So the cost of one pair of syncs is shared by all commits that
 * arrive while the previous pair runs, with no timer and no added latency for a lone committer.
 */
final class GroupCommit {
  /** A sealed op waiting for durability. */
  record Sealed(long sequence, long firstEntry, StreamHeader header, List<BookmarkIndex.Bookmark> bookmarks) {}

  /** Does the I/O of one group: sync, write header, sync, publish. */
  interface Syncer {
    void makeDurable(List<Sealed> group) throws IOException;
  }

  private final Object monitor = new Object();
  private final Syncer syncer;
  private List<Sealed> queue = new ArrayList<>();
  private long submitted;
  private long durable;
  private boolean syncing;
  private IOException failure;
  private volatile long groups;

  GroupCommit(Syncer syncer) {
    this.syncer = syncer;
  }

  /** Queues a sealed op (call with the producer's op lock held, so sequences follow commit order). */
  long submit(long firstEntry, StreamHeader header, List<BookmarkIndex.Bookmark> bookmarks) throws IOException {
    synchronized (monitor) {
      if (failure != null) {
        throw new IOException("stream failed by an earlier sync error; reopen it", failure);
      }
      submitted++;
      queue.add(new Sealed(submitted, firstEntry, header, bookmarks));
      return submitted;
    }
  }

  /** Sync groups completed so far (each one data sync, header write, header sync). */
  long groups() {
    return groups;
  }

  /** The sequence of the last submitted op. */
  long lastSubmitted() {
    synchronized (monitor) {
      return submitted;
    }
  }

  /**
   * Returns once op {@code sequence} is durable and published, leading a sync if none is running.
   *
   * @throws IOException if the sync that covered it failed (the stream is then unusable)
   */
  void awaitDurable(long sequence) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        List<Sealed> group;
        synchronized (monitor) {
          while (true) {
            if (durable >= sequence) {
              return;
            }
            if (failure != null) {
              throw new IOException("sync failed; commit state unknown, reopen the stream", failure);
            }
            if (!syncing) {
              break;
            }
            try {
              monitor.wait();
            } catch (InterruptedException e) {
              // The op is already sealed; give up on it would leave the caller unsure: finish waiting.
              interrupted = true;
            }
          }
          syncing = true;
          group = queue;
          queue = new ArrayList<>();
        }
        IOException error = null;
        try {
          if (!group.isEmpty()) {
            syncer.makeDurable(group);
          }
        } catch (IOException e) {
          error = e;
        } catch (RuntimeException e) {
          error = new IOException("sync failed: " + e, e);
        }
        synchronized (monitor) {
          syncing = false;
          if (error != null) {
            failure = error;
          } else if (!group.isEmpty()) {
            durable = group.getLast().sequence();
            groups++;
          }
          monitor.notifyAll();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package dev.zisk4j.io.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Received bytes handed from a transport's network thread to one blocking reader: the read loop of
 * every push-style consumer (gRPC push, QUIC), written once so they cannot drift apart.
 *
 * <p>The contract, the same for every transport built on it:
 *
 * <ul>
 *   <li>bytes come out in the order their chunks were {@link #add added}; a read returns as soon as
 *       one byte is there, it never waits to fill the caller's buffer;
 *   <li>after {@link #end}, a read returns -1 once every byte added before it was read;
 *   <li>after {@link #fail}, a read throws that exception (every time) once every byte added before
 *       it was read; the first failure wins, and a failure after the end is ignored (nothing is lost);
 *   <li>{@link #close} releases every unread chunk; a blocked or later read throws an
 *       {@link IOException} saying the input was closed (never -1: a cancelled reader must not take
 *       a cut-off input for a complete one);
 *   <li>an interrupted reader gets an {@link InterruptedIOException} and keeps its interrupt flag.
 * </ul>
 *
 * <p>Threads: any thread may add, end, fail or close; one thread reads. An owner whose own state
 * changes together with the queue's (flow control, stream order) passes its lock to the constructor:
 * the {@link Hooks} then run under that lock, so the owner never sees the two out of step.
 */
public final class BlockingChunkQueue {
  /** Bytes received in one piece, read front to back and released once read or discarded. */
  public interface Chunk {
    int remaining();

    /** Copies the next {@code len} bytes (at most {@link #remaining()}) and advances past them. */
    void read(byte[] dst, int off, int len);

    /** Gives back what the chunk holds (a pooled buffer); called exactly once. */
    default void release() {}

    /** A chunk reading {@code view}'s remaining bytes in place (no copy). */
    static Chunk of(ByteBuffer view) {
      return new Chunk() {
        @Override
        public int remaining() {
          return view.remaining();
        }

        @Override
        public void read(byte[] dst, int off, int len) {
          view.get(dst, off, len);
        }
      };
    }
  }

  /** Owner callbacks, run on the reader's thread under the queue's lock. */
  public interface Hooks {
    /** The reader took {@code n} bytes (flow control: ask the peer for more). */
    default void consumed(int n) {}

    /**
     * The reader found nothing to read and neither an end nor a failure. The owner may {@link #add},
     * {@link #end} or {@link #fail} now (move a completed message in, settle a lost peer); if it
     * does none of these the reader waits for the next change.
     */
    default void starved() {}
  }

  private static final Hooks NO_HOOKS = new Hooks() {};

  private final String what;
  private final ReentrantLock lock;
  private final Condition changed;
  private final Hooks hooks;
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  private Chunk current;
  private long queuedBytes;
  private long changes;
  private boolean ended;
  private boolean closed;
  private IOException failure;

  /**
   * @param what names the input in error messages (for example {@code "QUIC input: uri=quic://..."})
   * @param lock the lock guarding the queue, shared with the owner's state when the hooks need it
   */
  public BlockingChunkQueue(String what, ReentrantLock lock, Hooks hooks) {
    this.what = Objects.requireNonNull(what);
    this.lock = Objects.requireNonNull(lock);
    this.changed = lock.newCondition();
    this.hooks = Objects.requireNonNull(hooks);
  }

  public BlockingChunkQueue(String what) {
    this(what, new ReentrantLock(), NO_HOOKS);
  }

  /** Queues a chunk for the reader (an empty one is released at once); after close it is released. */
  public void add(Chunk chunk) {
    lock.lock();
    try {
      if (closed || chunk.remaining() == 0) {
        chunk.release();
        return;
      }
      chunks.add(chunk);
      queuedBytes += chunk.remaining();
      changed();
    } finally {
      lock.unlock();
    }
  }

  /** The input is complete: the reader gets -1 after the bytes queued so far. Idempotent. */
  public void end() {
    lock.lock();
    try {
      ended = true;
      changed();
    } finally {
      lock.unlock();
    }
  }

  /** The input broke: the reader gets {@code e} after the bytes queued so far, unless it already ended. */
  public void fail(IOException e) {
    lock.lock();
    try {
      if (failure == null && !ended) {
        failure = Objects.requireNonNull(e);
      }
      changed();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the reader so it runs {@link Hooks#starved} again (the owner's state changed). */
  public void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void changed() {
    changes++;
    changed.signalAll();
  }

  /**
   * Blocks until at least one byte, the end or a failure is there.
   *
   * @return bytes read (at least 1 when {@code len > 0}), or -1 at the end
   * @throws IOException the failure given to {@link #fail}, or because the queue was closed
   * @throws InterruptedIOException if the reader was interrupted while waiting
   */
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      while (true) {
        if (closed) {
          throw new IOException("input closed: " + what);
        }
        if (current != null) {
          int left = current.remaining();
          if (left > 0) {
            int n = Math.min(len, left);
            current.read(b, off, n);
            queuedBytes -= n;
            hooks.consumed(n);
            return n;
          }
          current.release();
          current = null;
        }
        current = chunks.poll();
        if (current != null) {
          continue;
        }
        if (failure != null) {
          throw failure;
        }
        if (ended) {
          return -1;
        }
        long before = changes;
        hooks.starved();
        if (changes == before) {
          changed.await();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted reading " + what);
    } finally {
      lock.unlock();
    }
  }

  /** Bytes readable without blocking: what is left of the chunk being read. */
  public int available() {
    lock.lock();
    try {
      return current == null ? 0 : current.remaining();
    } finally {
      lock.unlock();
    }
  }

  /** Bytes added and not yet read. */
  public long queuedBytes() {
    lock.lock();
    try {
      return queuedBytes;
    } finally {
      lock.unlock();
    }
  }

  public boolean isEnded() {
    lock.lock();
    try {
      return ended;
    } finally {
      lock.unlock();
    }
  }

  public boolean isFailed() {
    lock.lock();
    try {
      return failure != null;
    } finally {
      lock.unlock();
    }
  }

  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Releases every unread chunk and wakes the reader, which then fails (see the class contract).
   *
   * @return true the first time, false if it was already closed (so the owner cleans up once)
   */
  public boolean close() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      if (current != null) {
        current.release();
        current = null;
      }
      chunks.forEach(Chunk::release);
      chunks.clear();
      queuedBytes = 0;
      changed();
      return true;
    } finally {
      lock.unlock();
    }
  }
}

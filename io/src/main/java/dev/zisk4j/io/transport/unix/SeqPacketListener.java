package dev.zisk4j.io.transport.unix;

import dev.zisk4j.io.transport.TransportTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bound, listening AF_UNIX SOCK_SEQPACKET socket file (backlog 1, as ZisK), which owns that file.
 *
 * <p>A stale socket file at the path is replaced (as ZisK does); any other kind of file is refused.
 * {@link #close} unlinks the file. Thread-safe: accept and close may race; close waits for an accept
 * poll slice (at most 50 ms) to end so the descriptor is never closed under a running call.
 */
public final class SeqPacketListener implements AutoCloseable {
  private static final int POLL_SLICE_MILLIS = 50;
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;

  private final int fd;
  private final Path path;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private SeqPacketListener(int fd, Path path) {
    this.fd = fd;
    this.path = path;
  }

  /**
   * Binds and listens at {@code path}, replacing a stale socket file.
   *
   * @throws IOException if the path holds something other than a socket, or bind/listen fail
   * @throws IllegalArgumentException if the path does not fit {@code sun_path}
   */
  public static SeqPacketListener bind(Path path) throws IOException {
    SeqPacketNative.checkPathFits(path);
    removeStaleSocket(path);
    int fd = SeqPacketNative.socket();
    try {
      SeqPacketNative.bind(fd, path);
      SeqPacketNative.listen(fd, 1);
      return new SeqPacketListener(fd, path);
    } catch (IOException | RuntimeException e) {
      SeqPacketNative.close(fd);
      throw e;
    }
  }

  private static void removeStaleSocket(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    if ((mode & S_IFMT) != S_IFSOCK) {
      throw new IOException("refusing to replace a file that is not a socket: path=" + path);
    }
    Files.delete(path);
  }

  public Path path() {
    return path;
  }

  /**
   * Accepts the next connection, waiting up to {@code deadline}.
   *
   * @throws TransportTimeoutException if nobody connected in time
   * @throws IOException if the listener is closed (also when closed while waiting)
   */
  public SeqPacketSocket accept(Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      lock.lock();
      try {
        if (closed) {
          throw new IOException("unix listener closed: path=" + path);
        }
        long left = end - System.nanoTime();
        int slice = (int) Math.max(0, Math.min(POLL_SLICE_MILLIS, (left + 999_999) / 1_000_000));
        if (SeqPacketNative.pollReadable(fd, slice)) {
          return new SeqPacketSocket(SeqPacketNative.accept(fd), path);
        }
        if (end - System.nanoTime() <= 0) {
          throw new TransportTimeoutException("no consumer connected to unix socket path=" + path, deadline);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Idempotent: stops listening and unlinks the socket file. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      SeqPacketNative.close(fd);
    } finally {
      lock.unlock();
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // The file may already be gone or replaced by its directory's owner; nothing is lost.
    }
  }
}

package dev.zisk4j.io.transport.unix;

import dev.zisk4j.io.transport.TransportTimeoutException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected AF_UNIX SOCK_SEQPACKET socket: whole messages out, whole messages in.
 *
 * <p>Messages are at most {@link UnixTransport#MAX_MESSAGE_BYTES}. Sends are done by one thread at a
 * time, receives by one thread at a time (each direction owns a native buffer); {@link #close} may
 * come from any thread and wakes a blocked send or receive.
 *
 * <p>Blocking calls are native (FFM), so on a virtual thread they pin its carrier for their whole
 * duration: drive long-lived sockets from platform threads.
 */
public final class SeqPacketSocket implements AutoCloseable {
  private static final long CONNECT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final int fd;
  private final Path path;
  private final AtomicBoolean closed = new AtomicBoolean();
  // Auto arenas: freed by the GC once the socket is unreachable, so close() never races a native call.
  private final MemorySegment sendBuffer;
  private final MemorySegment sendState;
  private final MemorySegment recvBuffer;
  private final MemorySegment recvState;

  SeqPacketSocket(int fd, Path path) {
    this.fd = fd;
    this.path = path;
    Arena arena = Arena.ofAuto();
    this.sendBuffer = arena.allocate(UnixTransport.MAX_MESSAGE_BYTES, 8);
    // One spare byte lets recv tell "exactly the maximum" from "larger than the maximum".
    this.recvBuffer = arena.allocate(UnixTransport.MAX_MESSAGE_BYTES + 1L, 8);
    this.sendState = SeqPacketNative.newCallState(arena);
    this.recvState = SeqPacketNative.newCallState(arena);
  }

  /**
   * Connects to a listener at {@code path}, retrying every 5 ms while the file is missing or nobody
   * listens (the producer may bind after the consumer starts), until {@code deadline}.
   *
   * @throws TransportTimeoutException if no listener accepted before the deadline
   */
  public static SeqPacketSocket connect(Path path, Duration deadline) throws IOException {
    return connect(path, deadline, () -> false);
  }

  /** As {@link #connect(Path, Duration)}, giving up with an IOException as soon as {@code cancelled} is true. */
  static SeqPacketSocket connect(Path path, Duration deadline, java.util.function.BooleanSupplier cancelled)
      throws IOException {
    SeqPacketNative.checkPathFits(path);
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      int fd = SeqPacketNative.socket();
      try {
        SeqPacketNative.connect(fd, path);
        return new SeqPacketSocket(fd, path);
      } catch (SeqPacketNative.ErrnoException e) {
        SeqPacketNative.close(fd);
        boolean notYet = e.errno() == SeqPacketNative.ENOENT || e.errno() == SeqPacketNative.ECONNREFUSED
            || e.errno() == SeqPacketNative.EAGAIN;
        if (!notYet) {
          throw e;
        }
        if (cancelled.getAsBoolean()) {
          throw new IOException("connect cancelled: transport closed, path=" + path);
        }
        if (System.nanoTime() - end >= 0) {
          throw new TransportTimeoutException("no unix listener at path=" + path, deadline);
        }
        java.util.concurrent.locks.LockSupport.parkNanos(CONNECT_RETRY_NANOS);
      }
    }
  }

  /** The socket file this socket is connected to (for messages). */
  public Path path() {
    return path;
  }

  /**
   * Sends the buffer's remaining bytes as one message.
   *
   * @throws IllegalArgumentException if the message is empty (a SEQPACKET reader cannot tell it from
   *     end of input) or longer than the maximum
   * @throws IOException if the peer is gone or the socket is closed
   */
  public void send(ByteBuffer message) throws IOException {
    int len = message.remaining();
    if (len == 0 || len > UnixTransport.MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "unix message length out of range: length=" + len + ", min=1, max=" + UnixTransport.MAX_MESSAGE_BYTES);
    }
    ensureOpen();
    MemorySegment source = MemorySegment.ofBuffer(message);
    if (message.isDirect()) {
      // Already native memory: the kernel copies straight from it.
      SeqPacketNative.send(fd, source, len, sendState);
    } else {
      MemorySegment.copy(source, 0, sendBuffer, 0, len);
      SeqPacketNative.send(fd, sendBuffer, len, sendState);
    }
    message.position(message.limit());
  }

  /**
   * Blocks for the next message and returns a view of it, valid until the next call; an empty
   * segment means the peer closed (end of input).
   *
   * @throws IOException if this socket was closed (also while blocked here), if a message is larger
   *     than the maximum (it was truncated by the kernel, so the stream can no longer be trusted) or
   *     the socket failed
   */
  public MemorySegment receive() throws IOException {
    ensureOpen();
    long n = SeqPacketNative.recv(fd, recvBuffer, recvState);
    if (n == 0) {
      // close() from another thread shuts the socket down, which a blocked recv sees as the peer's
      // end: a cancelled reader must fail, not take a cut-off input for a complete one.
      ensureOpen();
    }
    if (n > UnixTransport.MAX_MESSAGE_BYTES) {
      throw new IOException("unix message too large: length=" + n + ", max=" + UnixTransport.MAX_MESSAGE_BYTES
          + ", path=" + path);
    }
    return recvBuffer.asSlice(0, n);
  }

  /** Sets the kernel send buffer size (a hint the kernel clamps to {@code net.core.wmem_max}). */
  public void setSendBufferSize(int bytes) throws IOException {
    SeqPacketNative.setIntOption(fd, SeqPacketNative.SO_SNDBUF, bytes);
  }

  private void ensureOpen() throws IOException {
    if (closed.get()) {
      throw new IOException("unix socket closed: path=" + path);
    }
  }

  /** Idempotent: shuts the socket down (waking a blocked call, peer sees end of input) and closes it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      SeqPacketNative.shutdown(fd);
      SeqPacketNative.close(fd);
    }
  }
}

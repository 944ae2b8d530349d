package dev.zisk4j.datastream.server;

import dev.zisk4j.datastream.file.EntryCursor;
import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.wire.ClientState;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.MalformedFrameException;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's socket: reads command frames on its own thread and owns the send buffer that the
 * command handler and the {@link EntryStreamer} share.
 *
 * <p>Threading: {@link #run()} is the only reader; writes from the command thread and the streamer
 * thread are serialised by {@code writeLock}, and each packet is written whole, so packets never
 * interleave. The watchdog reads the volatile timestamps and may call {@link #close} from its own
 * thread; close is idempotent. The socket is a blocking {@code SocketChannel} (so runs go out of
 * the cursor's direct buffer without a copy); being an interruptible channel, an interrupt of a
 * connection thread would close it, which is why stops use unpark and never interrupt.
 */
final class ClientConnection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  private final DataStreamServer server;
  private final SocketChannel channel;
  private final Socket socket;
  private final String remote;
  /** Direct, so the channel writes it without a copy; holds result packets and single DATA packets. */
  private final ByteBuffer send;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CommandHandler handler;

  private volatile long writeStartedNanos;
  private volatile long lastActivityNanos;
  private volatile long pendingEntries;

  ClientConnection(DataStreamServer server, SocketChannel channel) throws IOException {
    this.server = server;
    this.channel = channel;
    this.socket = channel.socket();
    this.remote = String.valueOf(channel.getRemoteAddress());
    this.send = ByteBuffer.allocateDirect(server.config().sendBufferBytes());
    this.lastActivityNanos = server.nanoTime();
    this.handler = new CommandHandler(server, this);
  }

  String remote() {
    return remote;
  }

  ClientState state() {
    return handler.state();
  }

  /** The next entry this client will be sent while streaming, or -1 when not streaming. */
  long streamPosition() {
    return handler.streamPosition();
  }

  @Override
  public void run() {
    DisconnectReason reason = DisconnectReason.PEER_CLOSED;
    String detail = "";
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096))) {
      while (!closed.get()) {
        CommandFrame frame = CommandFrame.read(in);
        lastActivityNanos = server.nanoTime();
        if (frame.streamType() != server.streamType()) {
          reason = DisconnectReason.STREAM_TYPE_MISMATCH;
          detail = "streamType=" + Long.toUnsignedString(frame.streamType()) + ", expected="
              + server.streamType();
          break;
        }
        handler.handle(frame);
      }
    } catch (EOFException e) {
      reason = DisconnectReason.PEER_CLOSED;
    } catch (MalformedFrameException e) {
      reason = DisconnectReason.MALFORMED_FRAME;
      detail = e.getMessage();
    } catch (IOException e) {
      reason = DisconnectReason.IO_ERROR;
      detail = String.valueOf(e.getMessage());
    } catch (RuntimeException e) {
      // A bug or a stream failure must cost this connection only, never the server.
      reason = DisconnectReason.IO_ERROR;
      detail = e.toString();
      log.warn("client {}: unexpected failure", remote, e);
    }
    close(reason, detail);
  }

  /** Writes a result packet and flushes. */
  void sendResult(ResultCode code) throws IOException {
    sendPacket(ResultPacket.of(code).encode());
  }

  /** Writes one whole packet (or several concatenated) and flushes. */
  void sendPacket(byte[] bytes) throws IOException {
    writeLock.lock();
    try {
      if (send.remaining() < bytes.length) {
        flushLocked();
      }
      if (bytes.length > send.capacity()) {
        writeFully(ByteBuffer.wrap(bytes), 0);
      } else {
        send.put(bytes);
        flushLocked();
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Sends the next run of committed entries from {@code cursor} straight from the cursor's buffer
   * (the file entry is the DATA packet; no copy in user space), after anything buffered. Returns
   * the number of the last entry sent, or -1 if the cursor is at the committed end.
   */
  long pump(EntryCursor cursor) throws IOException {
    writeLock.lock();
    try {
      long first = cursor.nextNumber();
      ByteBuffer run = cursor.nextRun();
      if (run == null) {
        return -1;
      }
      flushLocked();
      long last = cursor.nextNumber() - 1;
      writeFully(run, last - first + 1);
      return last;
    } finally {
      writeLock.unlock();
    }
  }

  /** Buffers one DATA packet; it reaches the socket at the next flush or when the buffer is full. */
  void bufferData(StreamEntry e) throws IOException {
    int len = EntryPacket.HEADER_BYTES + e.data().length;
    writeLock.lock();
    try {
      if (send.remaining() < len) {
        flushLocked();
      }
      if (len > send.capacity()) {
        writeFully(ByteBuffer.wrap(EntryPacket.toBytes(EntryPacket.DATA, e)), 1);
      } else {
        EntryPacket.encode(EntryPacket.DATA, e, send);
        pendingEntries++;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Sends everything buffered. */
  void flush() throws IOException {
    writeLock.lock();
    try {
      flushLocked();
    } finally {
      writeLock.unlock();
    }
  }

  private void flushLocked() throws IOException {
    if (send.position() == 0) {
      return;
    }
    long entries = pendingEntries;
    pendingEntries = 0;
    send.flip();
    try {
      writeFully(send, entries);
    } finally {
      send.clear();
    }
  }

  /** Writes all of {@code src} (a blocking channel: each write returns when bytes were taken). */
  private void writeFully(ByteBuffer src, long entries) throws IOException {
    int len = src.remaining();
    writeStartedNanos = server.nanoTime();
    try {
      while (src.hasRemaining()) {
        channel.write(src);
      }
    } finally {
      long now = server.nanoTime();
      writeStartedNanos = 0;
      lastActivityNanos = now;
    }
    server.metrics().sent(len, entries);
  }

  /**
   * Called by the watchdog: disconnects a client stuck in one write longer than the write timeout,
   * and a client that is not streaming and has been silent longer than the inactivity timeout.
   */
  void checkTimeouts(long nowNanos) {
    long started = writeStartedNanos;
    ServerConfig cfg = server.config();
    if (started != 0 && nowNanos - started > cfg.writeTimeout().toNanos()) {
      close(DisconnectReason.WRITE_TIMEOUT, "blocked in write for " + (nowNanos - started) / 1_000_000 + " ms");
      return;
    }
    if (!handler.state().streaming() && nowNanos - lastActivityNanos > cfg.inactivityTimeout().toNanos()) {
      close(DisconnectReason.INACTIVITY, "idle for " + (nowNanos - lastActivityNanos) / 1_000_000 + " ms");
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Ends the connection once; later calls do nothing. Safe from any thread. */
  void close(DisconnectReason reason, String detail) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    switch (reason) {
      case PEER_CLOSED, SERVER_CLOSING -> log.debug("client {} disconnected: {} {}", remote, reason.tag(), detail);
      default -> log.info("client {} disconnected: {} {}", remote, reason.tag(), detail);
    }
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("client {}: close failed", remote, e);
    }
    handler.stopStreamer();
    server.removed(this, reason);
  }
}

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

  /** Bytes handed to one channel write at most: progress becomes visible per chunk (see writeFully). */
  private final int writeChunk;
  private final long connectedNanos;
  /** True while a write is waiting to hand bytes to the kernel. */
  private volatile boolean writing;
  /** When the kernel last accepted bytes of the current write (or when it started). */
  private volatile long lastProgressNanos;
  private volatile long writeRemaining;
  private volatile long lastActivityNanos;
  private volatile boolean commandSeen;
  private volatile long pendingEntries;

  ClientConnection(DataStreamServer server, SocketChannel channel) throws IOException {
    this.server = server;
    this.channel = channel;
    this.socket = channel.socket();
    this.remote = String.valueOf(channel.getRemoteAddress());
    this.send = ByteBuffer.allocateDirect(server.config().sendBufferBytes());
    this.writeChunk = Math.max(4096, server.config().socketSendBufferBytes() / 2);
    this.connectedNanos = server.nanoTime();
    this.lastActivityNanos = connectedNanos;
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
        commandSeen = true;
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

  /**
   * Writes all of {@code src}. The write timeout is about progress, not duration: a write into a
   * nearly full socket buffer may take longer than the timeout while the client reads all the time
   * (the kernel wakes a blocked writer only once a good part of the buffer has drained). So each
   * channel write gets at most {@code writeChunk} bytes and every write that the kernel accepted
   * bytes from moves {@code lastProgressNanos}; the watchdog cuts a client only when nothing moved
   * for the whole timeout, i.e. when it stopped reading.
   */
  private void writeFully(ByteBuffer src, long entries) throws IOException {
    int len = src.remaining();
    int limit = src.limit();
    lastProgressNanos = server.nanoTime();
    writeRemaining = len;
    writing = true;
    try {
      while (src.position() < limit) {
        src.limit(Math.min(limit, src.position() + writeChunk));
        int n = channel.write(src);
        src.limit(limit);
        if (n > 0) {
          lastProgressNanos = server.nanoTime();
          writeRemaining = limit - src.position();
        }
      }
    } finally {
      src.limit(limit);
      writing = false;
      lastActivityNanos = server.nanoTime();
    }
    server.metrics().sent(len, entries);
  }

  /**
   * Called by the watchdog: disconnects a client that accepted no byte for the write timeout while
   * bytes were waiting for it (it stopped reading), a connection that sent no command within the
   * handshake timeout, and a client that is not streaming and has been silent longer than the
   * inactivity timeout.
   */
  void checkTimeouts(long nowNanos) {
    ServerConfig cfg = server.config();
    long progress = lastProgressNanos;
    if (writing && nowNanos - progress > cfg.writeTimeout().toNanos()) {
      close(DisconnectReason.WRITE_TIMEOUT, "stopped reading: no byte accepted for " + (nowNanos - progress) / 1_000_000
          + " ms with " + writeRemaining + " bytes of a write waiting (write timeout " + cfg.writeTimeout().toMillis() + " ms)");
      return;
    }
    if (!commandSeen && nowNanos - connectedNanos > cfg.handshakeTimeout().toNanos()) {
      close(DisconnectReason.HANDSHAKE_TIMEOUT, "no command within " + cfg.handshakeTimeout().toMillis()
          + " ms of connecting");
      return;
    }
    if (!handler.state().streaming() && nowNanos - lastActivityNanos > cfg.inactivityTimeout().toNanos()) {
      close(DisconnectReason.INACTIVITY, "idle for " + (nowNanos - lastActivityNanos) / 1_000_000 + " ms");
    }
  }

  /** When the connection was accepted (server clock). */
  long connectedNanos() {
    return connectedNanos;
  }

  /** True once the client sent a complete command (then it holds its slot until a timeout). */
  boolean commandSeen() {
    return commandSeen;
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Ends the connection once; later calls do nothing. Safe from any thread. */
  void close(DisconnectReason reason, String detail) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Connects and disconnects are visible at the default level: an operator must see who came and
    // why they went. Only the server's own shutdown is quiet (it logs once for all).
    if (reason == DisconnectReason.SERVER_CLOSING) {
      log.debug("client {} disconnected: {}", remote, reason.tag());
    } else {
      log.info("client {} disconnected: {}{}", remote, reason.tag(), detail.isEmpty() ? "" : " (" + detail + ")");
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

package dev.zisk4j.datastream.client;

import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.file.StreamHeader;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.ResultPacket;
import dev.zisk4j.datastream.wire.ServerPacket;
import dev.zisk4j.datastream.wire.ServerPacketReader;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a data-stream server (ours or the Go reference): query commands, and streaming with
 * a listener.
 *
 * <p>One reader thread demultiplexes the socket: replies go to the waiting command, streamed DATA
 * packets to the {@link EntryListener}. Commands are serialised (one at a time) and wait at most the
 * configured reply timeout, after which the connection is dropped, since a late reply would be
 * mistaken for the next one. With auto-reconnect on, a broken connection is redialled and a running
 * stream resumes with Start(last+1), so the listener sees no gap and no duplicate.
 *
 * <p>Failure modes: {@link IOException} for a broken connection or a reply timeout;
 * {@link CommandRejectedException} when a query gets an error result.
 */
public final class DataStreamClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataStreamClient.class);

  private final ClientConfig config;
  private final ReentrantLock commandLock = new ReentrantLock();
  private final LinkedBlockingQueue<Object> replies = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile Link link;
  private volatile EntryListener listener;
  private volatile boolean streaming;
  private volatile long nextExpected;
  private volatile boolean closed;

  private record Link(Socket socket, OutputStream out, ServerPacketReader reader) {}

  private DataStreamClient(ClientConfig config, Link link) {
    this.config = config;
    this.link = link;
    this.reader = Thread.ofVirtual().name("ds-client-" + config.host() + ":" + config.port()).unstarted(this::readLoop);
  }

  /**
   * Connects to the server.
   *
   * @throws IOException if the connection cannot be made within the connect timeout
   */
  public static DataStreamClient connect(ClientConfig config) throws IOException {
    DataStreamClient c = new DataStreamClient(config, dial(config));
    c.reader.start();
    return c;
  }

  private static Link dial(ClientConfig config) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(config.host(), config.port()), (int) config.connectTimeout().toMillis());
      return new Link(s, s.getOutputStream(),
          new ServerPacketReader(new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024))));
    } catch (IOException e) {
      s.close();
      throw new IOException("cannot connect to " + config.host() + ":" + config.port() + ": " + why(e, config), e);
    }
  }

  /** What went wrong with a socket, in words (the JDK's messages are often null or a class name). */
  private static String why(IOException e, ClientConfig config) {
    return switch (e) {
      case java.net.UnknownHostException u -> "unknown host " + config.host();
      case java.net.ConnectException c -> "connection refused (is a data-stream server listening there?)";
      case java.net.SocketTimeoutException t -> "no answer within " + config.connectTimeout().toMillis() + " ms";
      case java.io.EOFException eof -> "the server closed the connection";
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }

  /** The committed header of the server's stream. */
  public StreamHeader header() throws IOException {
    return inCommand("Header", () -> {
      send(CommandFrame.header(config.streamType()));
      requireOk("Header");
      return expect(ServerPacket.Header.class, "Header").header();
    });
  }

  /** Entry {@code n}, or empty when the server has no such entry. */
  public Optional<StreamEntry> entry(long n) throws IOException {
    return inCommand("Entry", () -> {
      send(CommandFrame.entry(config.streamType(), n));
      requireOk("Entry");
      return Optional.ofNullable(expect(ServerPacket.DataRsp.class, "Entry").entry());
    });
  }

  /**
   * The first non-bookmark entry at or after the bookmark (the server's semantics, spec §3.3), or
   * empty when the bookmark is unknown.
   */
  public Optional<StreamEntry> bookmark(byte[] bookmark) throws IOException {
    return inCommand("Bookmark", () -> {
      send(CommandFrame.bookmark(config.streamType(), bookmark));
      requireOk("Bookmark");
      return Optional.ofNullable(expect(ServerPacket.DataRsp.class, "Bookmark").entry());
    });
  }

  /**
   * Starts streaming from entry {@code from} ({@code from == TotalEntries} waits at the tip).
   *
   * @return the server's result: OK, or e.g. Bad from entry (then nothing is streamed)
   */
  public ResultPacket start(long from, EntryListener l) throws IOException {
    return inCommand("Start", () -> beginStream(from, l, CommandFrame.start(config.streamType(), from)));
  }

  /**
   * Starts streaming at the bookmark's own entry.
   *
   * @return OK, or Bad from bookmark for an unknown bookmark
   */
  public ResultPacket startBookmark(byte[] bookmark, EntryListener l) throws IOException {
    return inCommand("StartBookmark", () -> beginStream(-1, l, CommandFrame.startBookmark(config.streamType(), bookmark)));
  }

  private ResultPacket beginStream(long from, EntryListener l, byte[] frame) throws IOException {
    listener = l;
    nextExpected = from;
    streaming = true;
    send(frame);
    ResultPacket r = expect(ServerPacket.Result.class, "Start").result();
    if (!r.isOk()) {
      streaming = false;
      listener = null;
    }
    return r;
  }

  /**
   * Stops streaming. Entries may still arrive at the listener until this returns.
   *
   * @return OK, or Already stopped
   */
  public ResultPacket stop() throws IOException {
    return inCommand("Stop", () -> {
      send(CommandFrame.stop(config.streamType()));
      ResultPacket r = expect(ServerPacket.Result.class, "Stop").result();
      streaming = false;
      listener = null;
      return r;
    });
  }

  /** The number of the next entry the stream expects (last received + 1), or -1 if unknown yet. */
  public long nextExpected() {
    return nextExpected;
  }

  /** True while a stream is running. */
  public boolean isStreaming() {
    return streaming;
  }

  // ------------------------------------------------------------------------ plumbing

  private interface Body<T> {
    T run() throws IOException;
  }

  private <T> T inCommand(String name, Body<T> body) throws IOException {
    commandLock.lock();
    try {
      if (closed) {
        throw new IOException("client closed: command=" + name);
      }
      replies.clear();
      return body.run();
    } finally {
      commandLock.unlock();
    }
  }

  private void send(byte[] frame) throws IOException {
    Link l = link;
    synchronized (l) {
      l.out.write(frame);
    }
  }

  private void requireOk(String command) throws IOException {
    ResultPacket r = expect(ServerPacket.Result.class, command).result();
    if (!r.isOk()) {
      throw new CommandRejectedException(command, r);
    }
  }

  private <T extends ServerPacket> T expect(Class<T> type, String command) throws IOException {
    Object o;
    try {
      o = replies.poll(config.replyTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for the reply to " + command, e);
    }
    if (o == null) {
      dropLink();
      throw new IOException("no reply to " + command + " from " + config.host() + ":" + config.port() + " within "
          + config.replyTimeout().toMillis() + " ms");
    }
    if (o instanceof IOException e) {
      throw new IOException("connection to " + config.host() + ":" + config.port() + " lost during " + command + ": "
          + why(e, config), e);
    }
    if (!type.isInstance(o)) {
      dropLink();
      throw new IOException("unexpected reply to " + command + ": expected=" + type.getSimpleName() + ", got=" + o);
    }
    return type.cast(o);
  }

  private void dropLink() {
    try {
      link.socket.close();
    } catch (IOException e) {
      log.debug("close failed", e);
    }
  }

  private void readLoop() {
    while (!closed) {
      Link l = link;
      try {
        ServerPacket p = l.reader.next();
        if (p instanceof ServerPacket.Data d) {
          deliver(d.entry());
        } else {
          replies.add(p);
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
        replies.add(e);
        closeQuietly(l.socket);
        if (!config.autoReconnect()) {
          endStream(new IOException("connection to " + config.host() + ":" + config.port() + " lost: " + why(e, config), e));
          return;
        }
        log.info("connection to {}:{} lost ({}); reconnecting", config.host(), config.port(), why(e, config));
        if (!reconnect()) {
          return;
        }
      }
    }
  }

  private void deliver(StreamEntry e) {
    EntryListener l = listener;
    if (l == null || !streaming) {
      return; // DATA after Stop (the Go server may send some): not ours to deliver
    }
    nextExpected = e.number() + 1;
    try {
      l.onEntry(e);
    } catch (RuntimeException ex) {
      log.warn("entry listener failed at entry {}; stream delivery stopped", e.number(), ex);
      streaming = false;
      listener = null;
      l.onStreamEnded(ex);
    }
  }

  private void endStream(Throwable cause) {
    EntryListener l = listener;
    boolean was = streaming;
    streaming = false;
    listener = null;
    if (was && l != null) {
      l.onStreamEnded(cause);
    }
  }

  /** Redials until connected (and resumed if streaming) or closed; false when closed. */
  private boolean reconnect() {
    while (!closed) {
      try {
        Thread.sleep(config.reconnectDelay());
        Link l = dial(config);
        if (streaming && nextExpected >= 0) {
          l.out.write(CommandFrame.start(config.streamType(), nextExpected));
          ServerPacket p = l.reader.next();
          if (!(p instanceof ServerPacket.Result r) || !r.result().isOk()) {
            log.warn("resume at {} refused: {}", nextExpected, p);
            closeQuietly(l.socket);
            continue;
          }
        }
        link = l;
        log.info("reconnected to {}:{}{}", config.host(), config.port(),
            streaming ? ", resumed at " + nextExpected : "");
        return true;
      } catch (InterruptedException e) {
        return false;
      } catch (IOException e) {
        log.debug("reconnect failed: {}", e.getMessage());
      }
    }
    return false;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      log.debug("close failed", e);
    }
  }

  /** Closes the connection and stops the reader; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(link.socket);
    reader.interrupt();
    try {
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.zisk4j.datastream.server;

import dev.zisk4j.datastream.file.CommitListener;
import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.TruncateListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-stream TCP server (spec §3): serves the committed entries of one {@link DataStream} to
 * any number of clients, byte-compatible with the Go zkevm-data-streamer.
 *
 * <p>Model: one thread per connection reads commands; a Start gives the connection a second thread
 * that pulls entries from its own cursor and writes them (see {@link EntryStreamer}). Threads are
 * virtual by default. A slow client only falls behind; once one socket write blocks longer than the
 * write timeout it is disconnected. The producer never waits for clients.
 *
 * <p>Lifecycle: {@link #start()} binds and returns; {@link #port()} reports the bound port;
 * {@link #close()} stops accepting, disconnects every client and is idempotent. The server does
 * not own the {@link DataStream}: close it after the server.
 */
public final class DataStreamServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataStreamServer.class);

  private final DataStream stream;
  private final ServerConfig config;
  private final LongSupplier nanoClock;
  private final LongSupplier startCeiling;
  private final ThreadFactory threadFactory;
  private final ServerMetrics metrics;
  private final CommitNotifier notifier = new CommitNotifier();
  private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
  private final Object lifecycle = new Object();
  private final CommitListener commitListener = this::committed;
  private final TruncateListener truncateListener = this::truncated;
  private final CountDownLatch acceptLoopDone = new CountDownLatch(1);
  private final Refusals refusals;
  private ServerSocketChannel serverSocket; // guarded by lifecycle
  private ScheduledExecutorService watchdog; // guarded by lifecycle
  private boolean closed; // guarded by lifecycle

  /** A server over {@code stream} with its own (unexported) metrics registry. */
  public DataStreamServer(DataStream stream, ServerConfig config) {
    this(stream, config, new SimpleMeterRegistry());
  }

  /** A server whose meters go to {@code registry} (e.g. a Prometheus registry). */
  public DataStreamServer(DataStream stream, ServerConfig config, MeterRegistry registry) {
    this(stream, config, registry, System::nanoTime, null);
  }

  /**
   * Full form.
   *
   * @param nanoClock monotonic clock for timeouts (tests inject a manual one)
   * @param startCeiling highest entry a Start may ask for, or null for the committed TotalEntries
   *     (a relay passes the larger of its own and its upstream's)
   */
  public DataStreamServer(DataStream stream, ServerConfig config, MeterRegistry registry,
      LongSupplier nanoClock, LongSupplier startCeiling) {
    this.stream = stream;
    this.config = config;
    this.nanoClock = nanoClock;
    this.startCeiling = startCeiling != null ? startCeiling : () -> stream.header().totalEntries();
    this.threadFactory = config.threading() == ServerConfig.Threading.VIRTUAL
        ? Thread.ofVirtual().name("ds-conn-", 0).factory()
        : Thread.ofPlatform().daemon().name("ds-conn-", 0).factory();
    this.metrics = new ServerMetrics(registry, this);
    this.refusals = new Refusals(config.maxClients(), metrics, System::nanoTime);
    stream.addCommitListener(commitListener);
    stream.addTruncateListener(truncateListener);
  }

  /**
   * Binds the port and starts accepting clients.
   *
   * @throws IOException if the port cannot be bound
   * @throws IllegalStateException if already started or closed
   */
  public void start() throws IOException {
    synchronized (lifecycle) {
      if (closed || serverSocket != null) {
        throw new IllegalStateException("server already started or closed: closed=" + closed);
      }
      ServerSocketChannel ss = ServerSocketChannel.open();
      ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      try {
        ss.bind(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
      } catch (IOException | java.nio.channels.UnresolvedAddressException e) {
        ss.close();
        throw Listening.bindFailed("data stream server", config.bindAddress(), config.port(), e);
      }
      serverSocket = ss;
      watchdog = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("ds-watchdog").factory());
      long periodMs = Math.max(10, Math.min(config.checkInterval().toMillis(),
          Math.min(config.writeTimeout().toMillis(), config.handshakeTimeout().toMillis()) / 2));
      watchdog.scheduleAtFixedRate(this::checkTimeouts, periodMs, periodMs, TimeUnit.MILLISECONDS);
      Thread.ofPlatform().daemon().name("ds-accept-" + ss.socket().getLocalPort()).start(this::acceptLoop);
      log.info("data stream server listening on {}:{} (streamType={}, maxClients={}, threads={})",
          config.bindAddress(), ss.socket().getLocalPort(), streamType(), config.maxClients(), config.threading());
    }
  }

  /** The bound port (useful with port 0), or -1 before {@link #start()}. */
  public int port() {
    synchronized (lifecycle) {
      return serverSocket == null ? -1 : serverSocket.socket().getLocalPort();
    }
  }

  /** Connected clients now. */
  public int clientCount() {
    return connections.size();
  }

  /** Committed entries of the served stream. */
  public long committedEntries() {
    return stream.header().totalEntries();
  }

  private void acceptLoop() {
    ServerSocketChannel ss;
    synchronized (lifecycle) {
      ss = serverSocket;
    }
    try {
      while (true) {
        SocketChannel s;
        try {
          s = ss.accept();
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException e) {
          if (!ss.isOpen()) {
            return;
          }
          log.warn("accept failed: {}", e.getMessage());
          continue;
        }
        admit(s);
      }
    } catch (IOException e) {
      if (ss.isOpen()) {
        log.error("accept loop ended", e);
      }
    } finally {
      acceptLoopDone.countDown();
    }
  }

  private void admit(SocketChannel s) throws IOException {
    if (connections.size() >= config.maxClients() && !evictSilentConnection()) {
      refusals.refuse(s, connections.size());
      return;
    }
    try {
      s.setOption(StandardSocketOptions.TCP_NODELAY, true);
      s.setOption(StandardSocketOptions.SO_SNDBUF, config.socketSendBufferBytes());
      ClientConnection c = new ClientConnection(this, s);
      connections.add(c);
      synchronized (lifecycle) {
        if (closed) {
          c.close(DisconnectReason.SERVER_CLOSING, "");
          return;
        }
      }
      log.info("client {} connected ({} clients)", c.remote(), connections.size());
      threadFactory.newThread(c).start();
    } catch (IOException e) {
      log.info("could not set up {}: {}", s.socket().getRemoteSocketAddress(), e.getMessage());
      s.close();
    }
  }

  /**
   * At the limit, makes room by closing the connection that has been connected longest without
   * sending a command, if there is one: such connections are closed first, so idle sockets cannot
   * keep working clients out even until their handshake timeout (a client that sends its command
   * at once is never the oldest silent one for long). False when every connection has spoken.
   */
  private boolean evictSilentConnection() {
    ClientConnection oldest = null;
    for (ClientConnection c : connections) {
      if (!c.commandSeen() && !c.isClosed() && (oldest == null || c.connectedNanos() < oldest.connectedNanos())) {
        oldest = c;
      }
    }
    if (oldest == null) {
      return false;
    }
    oldest.close(DisconnectReason.EVICTED_SILENT, "server full: closed the oldest connection that sent no command ("
        + (nanoClock.getAsLong() - oldest.connectedNanos()) / 1_000_000 + " ms silent) to admit a new one");
    return true;
  }

  private void checkTimeouts() {
    long now = nanoClock.getAsLong();
    for (ClientConnection c : connections) {
      c.checkTimeouts(now);
    }
  }

  /** Runs one watchdog pass now (tests with an injected clock). */
  void checkTimeoutsNow() {
    checkTimeouts();
  }

  private void committed(long first, long end) {
    metrics.committed(end - first);
    notifier.committed();
  }

  private void truncated(long newTotalEntries) {
    // Entries from newTotalEntries on no longer exist: a client that was sent any of them must go.
    for (ClientConnection c : connections) {
      if (c.streamPosition() > newTotalEntries) {
        c.close(DisconnectReason.TRUNCATED, "stream truncated to " + newTotalEntries
            + " below client position " + c.streamPosition());
      }
    }
  }

  /** [max, sum] of the lag of streaming clients, in entries. */
  double[] lagStats() {
    long committed = stream.header().totalEntries();
    long max = 0;
    long sum = 0;
    for (ClientConnection c : connections) {
      long p = c.streamPosition();
      if (p >= 0) {
        long lag = Math.max(0, committed - p);
        max = Math.max(max, lag);
        sum += lag;
      }
    }
    return new double[] {max, sum};
  }

  /** Stops accepting, disconnects all clients, and waits for the accept loop. Idempotent. */
  @Override
  public void close() {
    ServerSocketChannel ss;
    ScheduledExecutorService wd;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      ss = serverSocket;
      wd = watchdog;
    }
    if (ss != null) {
      try {
        ss.close();
      } catch (IOException e) {
        log.debug("closing listener failed", e);
      }
      try {
        acceptLoopDone.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (wd != null) {
      wd.shutdownNow();
    }
    stream.removeCommitListener(commitListener);
    stream.removeTruncateListener(truncateListener);
    for (ClientConnection c : connections) {
      c.close(DisconnectReason.SERVER_CLOSING, "");
    }
    notifier.close();
    log.info("data stream server closed");
  }

  // ------------------------------------------------------------ for the connection classes

  DataStream stream() {
    return stream;
  }

  ServerConfig config() {
    return config;
  }

  long streamType() {
    return stream.header().streamType();
  }

  long startCeiling() {
    return startCeiling.getAsLong();
  }

  long nanoTime() {
    return nanoClock.getAsLong();
  }

  ThreadFactory threadFactory() {
    return threadFactory;
  }

  CommitNotifier notifier() {
    return notifier;
  }

  ServerMetrics metrics() {
    return metrics;
  }

  void removed(ClientConnection c, DisconnectReason reason) {
    if (connections.remove(c)) {
      metrics.disconnected(reason);
    }
  }
}

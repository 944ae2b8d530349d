package dev.zisk4j.datastream.relay;

import dev.zisk4j.datastream.client.ClientConfig;
import dev.zisk4j.datastream.client.DataStreamClient;
import dev.zisk4j.datastream.client.EntryListener;
import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.file.StreamHeader;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.wire.ResultPacket;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay (spec §4): a client of an upstream server that writes what it receives into its own
 * stream file, and a server of that file.
 *
 * <p><b>Atomic-operation boundaries.</b> The wire carries no end-of-operation marker, but every
 * Header reply carries the upstream's committed TotalEntries, and a committed total is always an
 * operation boundary. The relay therefore holds received entries in memory and commits locally only
 * up to a total it has seen in an upstream Header (asked on a second connection whenever entries
 * are pending). Every state the relay's clients can observe is thus a state its upstream committed:
 * no partial upstream operation is ever exposed. It may merge several upstream operations into one
 * local commit (when they arrive between two Header replies); it never splits one.
 *
 * <p><b>Consistency.</b> On start and on every reconnect the relay checks that its file is not
 * ahead of the upstream and that its last entry equals the upstream's entry with the same number;
 * entries must arrive numbered exactly next. Any violation fails the relay with
 * {@link RelayDivergedException} (see {@link #terminated()}), leaving the file at its last whole
 * operation. A broken upstream connection is retried every reconnect delay; uncommitted entries
 * are dropped and fetched again, so the relay resumes at its own committed end, also after a restart.
 *
 * <p>Threading: the upstream stream client's reader thread appends to the pending queue; a prober
 * thread asks Header and commits; both under one lock, which also serialises all producer calls on
 * the local file.
 */
public final class DataStreamRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataStreamRelay.class);
  private static final long PROBE_PAUSE_MS = 5;

  private final DataStream local;
  private final RelayConfig config;
  private final MeterRegistry registry;
  private final Object lock = new Object();
  private final ArrayDeque<StreamEntry> pending = new ArrayDeque<>();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private long pendingBytes; // guarded by lock
  private long boundary; // guarded by lock: latest upstream committed total seen
  private boolean broken; // guarded by lock
  private volatile long upstreamInit;
  /** Why the upstream is not being followed right now, or null while it is. */
  private volatile String upstreamDown;
  private volatile boolean closed;
  private volatile DataStreamClient control;
  private volatile DataStreamClient streamClient;
  private volatile DataStreamServer server;
  private volatile Thread prober;

  public DataStreamRelay(DataStream local, RelayConfig config, MeterRegistry registry) {
    this.local = local;
    this.config = config;
    this.registry = registry;
  }

  /**
   * Connects to the upstream, checks consistency, starts the local server and begins relaying.
   *
   * @throws RelayDivergedException if the local file is ahead of or differs from the upstream
   * @throws IOException if the upstream cannot be reached or the port cannot be bound
   */
  public void start() throws IOException {
    follow();
    server = new DataStreamServer(local, config.server(), registry, System::nanoTime,
        () -> Math.max(local.header().totalEntries(), upstreamInit));
    server.start();
    prober = Thread.ofPlatform().daemon().name("ds-relay-prober").start(this::probeLoop);
    log.info("relay following {}:{} from entry {}, serving on port {}", config.upstream().host(),
        config.upstream().port(), local.header().totalEntries(), server.port());
  }

  /** The relay's server port. */
  public int port() {
    return server.port();
  }

  /** Completes when the relay is closed, or exceptionally when it failed (e.g. diverged). */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  /**
   * What is wrong, for a health probe: null while the relay follows its upstream; otherwise e.g.
   * "upstream 10.0.0.5:6900 unreachable: connection refused" (the relay keeps serving its file and
   * retries) or "relay stopped: ..." (it gave up).
   */
  public String problem() {
    if (terminated.isCompletedExceptionally()) {
      try {
        terminated.join();
      } catch (java.util.concurrent.CompletionException e) {
        return "relay stopped: " + e.getCause().getMessage();
      }
    }
    String down = upstreamDown;
    return down == null ? null : "upstream " + config.upstream().host() + ":" + config.upstream().port() + " " + down;
  }

  /** Upstream committed total last seen. */
  public long upstreamEntries() {
    synchronized (lock) {
      return boundary;
    }
  }

  private void follow() throws IOException {
    ClientConfig up = config.upstream();
    DataStreamClient c = DataStreamClient.connect(up);
    try {
      StreamHeader h = c.header();
      checkConsistent(c, h);
      DataStreamClient s = DataStreamClient.connect(up);
      long from;
      synchronized (lock) {
        pending.clear();
        pendingBytes = 0;
        boundary = h.totalEntries();
        broken = false;
        from = local.header().totalEntries();
      }
      upstreamInit = h.totalEntries();
      ResultPacket r = s.start(from, new Receiver());
      if (!r.isOk()) {
        s.close();
        throw new IOException("upstream refused Start(" + from + "): " + r.message());
      }
      control = c;
      streamClient = s;
      upstreamDown = null;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void checkConsistent(DataStreamClient c, StreamHeader up) throws IOException {
    StreamHeader mine = local.header();
    if (up.streamType() != mine.streamType()) {
      throw new RelayDivergedException("stream type differs: upstream=" + up.streamType() + ", local=" + mine.streamType());
    }
    long n = mine.totalEntries();
    if (n > up.totalEntries()) {
      throw new RelayDivergedException("relay file is ahead of its upstream: localEntries=" + n
          + ", upstreamEntries=" + up.totalEntries());
    }
    if (n > 0) {
      StreamEntry mineLast = local.entry(n - 1);
      Optional<StreamEntry> theirs = c.entry(n - 1);
      if (theirs.isEmpty() || !sameEntry(mineLast, theirs.get())) {
        throw new RelayDivergedException("relay file differs from its upstream at entry " + (n - 1)
            + ": local=" + mineLast + ", upstream=" + theirs.orElse(null));
      }
    }
  }

  private static boolean sameEntry(StreamEntry a, StreamEntry b) {
    return a.number() == b.number() && a.type() == b.type() && Arrays.equals(a.data(), b.data());
  }

  private final class Receiver implements EntryListener {
    @Override
    public void onEntry(StreamEntry e) {
      synchronized (lock) {
        if (closed || broken) {
          return;
        }
        long expected = local.header().totalEntries() + pending.size();
        if (e.number() != expected) {
          fail(new RelayDivergedException("upstream sent entry out of sequence: number=" + e.number()
              + ", expected=" + expected));
          return;
        }
        pending.add(e);
        pendingBytes += e.encodedLength();
        if (pendingBytes > config.maxPendingBytes()) {
          fail(new RelayDivergedException("upstream operation larger than maxPendingBytes="
              + config.maxPendingBytes() + " at entry " + e.number() + "; cannot relay it atomically"));
          return;
        }
        commitUpTo(boundary);
        lock.notifyAll();
      }
    }

    @Override
    public void onStreamEnded(Throwable cause) {
      synchronized (lock) {
        if (!closed) {
          log.warn("upstream stream ended: {}", cause.getMessage() != null ? cause.getMessage() : cause.toString());
          upstreamDown = "lost: " + cause.getMessage();
          broken = true;
          lock.notifyAll();
        }
      }
    }
  }

  private void probeLoop() {
    try {
      while (!closed && !terminated.isDone()) {
        synchronized (lock) {
          while (!closed && !broken && pending.isEmpty()) {
            lock.wait();
          }
          if (closed) {
            return;
          }
        }
        if (isBroken()) {
          reconnect();
          continue;
        }
        long t;
        try {
          t = control.header().totalEntries();
        } catch (IOException e) {
          markBroken("upstream Header failed: " + e.getMessage());
          continue;
        }
        synchronized (lock) {
          boolean progressed = t > boundary;
          boundary = Math.max(boundary, t);
          long before = local.header().totalEntries();
          commitUpTo(boundary);
          if (!progressed && local.header().totalEntries() == before && !pending.isEmpty()) {
            // The entries up to the boundary are still on their way: wait for them, briefly.
            lock.wait(PROBE_PAUSE_MS);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private boolean isBroken() {
    synchronized (lock) {
      return broken;
    }
  }

  private void markBroken(String why) {
    synchronized (lock) {
      if (!closed) {
        log.warn("relay upstream broken: {}", why);
        upstreamDown = "lost: " + why;
        broken = true;
      }
    }
  }

  private void reconnect() throws InterruptedException {
    closeClients();
    while (!closed) {
      Thread.sleep(config.upstream().reconnectDelay());
      try {
        follow();
        log.info("relay reconnected to upstream, resuming at {}", local.header().totalEntries());
        return;
      } catch (RelayDivergedException e) {
        fail(e);
        return;
      } catch (IOException e) {
        upstreamDown = "unreachable: " + e.getMessage();
        log.debug("relay reconnect failed: {}", e.getMessage());
      }
    }
  }

  /**
   * Commits pending entries up to upstream total {@code b} as one local operation, once all of them
   * have arrived; never a prefix that ends elsewhere. Holds lock.
   */
  private void commitUpTo(long b) {
    long committed = local.header().totalEntries();
    long n = b - committed;
    if (n <= 0 || pending.size() < n) {
      return;
    }
    try {
      local.startAtomicOp();
      for (long i = 0; i < n; i++) {
        StreamEntry e = pending.poll();
        pendingBytes -= e.encodedLength();
        long got = e.isBookmark() ? local.addBookmark(e.data()) : local.addEntry(e.type(), e.data());
        if (got != e.number()) {
          local.rollbackAtomicOp();
          throw new IllegalStateException("local numbering differs: got=" + got + ", expected=" + e.number());
        }
      }
      local.commitAtomicOp();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(Throwable e) {
    log.error("relay stopped: {}", e.getMessage());
    closed = true;
    terminated.completeExceptionally(e);
    synchronized (lock) {
      lock.notifyAll();
    }
    Thread.ofVirtual().start(this::closeClients);
  }

  private void closeClients() {
    DataStreamClient c = control;
    DataStreamClient s = streamClient;
    if (s != null) {
      s.close();
    }
    if (c != null) {
      c.close();
    }
  }

  /** Stops relaying and serving; idempotent. Does not close the local file. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    closeClients();
    if (prober != null) {
      prober.interrupt();
    }
    if (server != null) {
      server.close();
    }
    terminated.complete(null);
  }
}

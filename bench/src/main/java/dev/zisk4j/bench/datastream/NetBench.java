package dev.zisk4j.bench.datastream;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.file.EntryCursor;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.ServerConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Network benchmarks of the data-stream server (a benchmark command with stated workloads; each
 * figure comes with a baseline measured in the same process):
 *
 * <pre>
 *   catchup            one client reads N x 100 B entries from entry 0; baseline: a cursor reading the same file
 *   fanout C [threads] producer commits ops of 100 x 100 B for W seconds with C streaming clients;
 *                      baseline: the same producer with no clients
 *   fanout C [threads] --producer-rate R
 *                      the same, but the producer commits R entries/s (ops of 100, paced), as the
 *                      goal is stated; baseline: the committed rate itself (each client should get
 *                      all of it); also reports the clients' lag sampled every 50 ms and the
 *                      commit-to-client latency of each op's last entry
 *   latency            1 entry per op at 1,000 ops/s; commit-to-client latency p50/p99/max
 *   slowreaders C --read-rate B --producer-rate R
 *                      C clients each reading at most B bytes/s (0 = as fast as they can) follow a
 *                      producer paced at R entries/s (ops of 100 x 100 B) for the window; reports
 *                      per-client delivered entries/s, clients disconnected and clients complete
 *                      after a drain; baseline: the same clients and producer against a raw-socket
 *                      server (blocking writes from a cursor, no timeouts), run next in the same process
 * </pre>
 *
 * Usage: {@code bin/bench --main dev.zisk4j.bench.datastream.NetBench catchup|fanout C [VIRTUAL|PLATFORM] [--producer-rate R]|latency|slowreaders C --read-rate B --producer-rate R}
 * (optional {@code -Dentries=}, {@code -Dseconds=}, {@code -Dsamples=}).
 */
public final class NetBench {
  private static final byte[] PAYLOAD_100 = new byte[100 - 17];

  private NetBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: NetBench catchup | fanout CLIENTS [VIRTUAL|PLATFORM] | latency"
          + " | slowreaders CLIENTS --read-rate BYTES_PER_S --producer-rate ENTRIES_PER_S");
      System.exit(2);
    }
    Path dir = Files.createTempDirectory("ds-netbench");
    try {
      switch (args[0]) {
        case "catchup" -> catchup(dir, Long.getLong("entries", 500_000));
        case "fanout" -> {
          ServerConfig.Threading threading = ServerConfig.Threading.VIRTUAL;
          long rate = 0;
          for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--producer-rate")) {
              rate = Long.parseLong(args[++i]);
            } else {
              threading = ServerConfig.Threading.valueOf(args[i]);
            }
          }
          int clients = Integer.parseInt(args[1]);
          int seconds = Integer.getInteger("seconds", 5);
          if (rate > 0) {
            fanoutAtRate(dir, clients, threading, seconds, rate);
          } else {
            fanout(dir, clients, threading, seconds);
          }
        }
        case "latency" -> latency(dir, Integer.getInteger("samples", 5000));
        case "slowreaders" -> {
          long readRate = 0;
          long rate = 100_000;
          for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
              case "--read-rate" -> readRate = Long.parseLong(args[++i]);
              case "--producer-rate" -> rate = Long.parseLong(args[++i]);
              default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
          }
          int clients = Integer.parseInt(args[1]);
          int seconds = Integer.getInteger("seconds", 20);
          SlowResult ours = slowReaders(dir.resolve("ours"), clients, seconds, rate, readRate, false);
          SlowResult raw = slowReaders(dir.resolve("raw"), clients, seconds, rate, readRate, true);
          System.out.printf(Locale.ROOT, "slowreaders: %d clients reading at most %s, producer paced at %d entries/s in ops of 100 x 100 B, %d s window%n",
              clients, readRate == 0 ? "what they can" : readRate + " B/s", rate, seconds);
          ours.print("zisk4j server (defaults: write timeout 3 s, 128 KiB SO_SNDBUF)");
          raw.print("raw-socket baseline (blocking writes, no timeout)");
          System.out.printf(Locale.ROOT, "  ratio zisk4j/raw: median %.2fx, min %.2fx%n", ours.median / raw.median,
              raw.min > 0 ? ours.min / raw.min : Double.NaN);
        }
        default -> throw new IllegalArgumentException("unknown scenario: " + args[0]);
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static DataStream open(Path dir) throws IOException {
    return DataStream.open(dir.resolve("bench.bin"), DataStreamConfig.defaults().withDurability(Durability.OS));
  }

  private static DataStreamServer serve(DataStream s, ServerConfig.Threading threading, int maxClients) throws IOException {
    DataStreamServer server = new DataStreamServer(s, ServerConfig.loopback()
        .withMaxClients(maxClients).withThreading(threading).withSendBufferBytes(256 * 1024));
    server.start();
    return server;
  }

  private static void commitOp(DataStream s, int entries) throws IOException {
    s.startAtomicOp();
    for (int i = 0; i < entries; i++) {
      s.addEntry(1, PAYLOAD_100);
    }
    s.commitAtomicOp();
  }

  // ------------------------------------------------------------------ catch-up

  static void catchup(Path dir, long n) throws Exception {
    try (DataStream s = open(dir)) {
      for (long i = 0; i < n; i += 100) {
        commitOp(s, 100);
      }
      long total = s.header().totalEntries();
      long bytes = s.header().totalLength() - 4096;
      // Warm-up: one pass of each.
      cursorPass(s, total);
      try (DataStreamServer server = serve(s, ServerConfig.Threading.VIRTUAL, 10)) {
        clientPass(server.port(), total);
        double[] cursor = new double[3];
        double[] client = new double[3];
        for (int r = 0; r < 3; r++) {
          cursor[r] = cursorPass(s, total);
          client[r] = clientPass(server.port(), total);
        }
        double cur = median(cursor);
        double cli = median(client);
        System.out.printf(Locale.ROOT, "catchup: %d entries x 100 B (%.1f MB)%n", total, bytes / 1e6);
        System.out.printf(Locale.ROOT, "  baseline cursor read (no network): %.0f entries/s (%.1f MB/s)%n", cur, cur * 100 / 1e6);
        System.out.printf(Locale.ROOT, "  one TCP client from entry 0:       %.0f entries/s (%.1f MB/s) = %.2fx of cursor%n",
            cli, cli * 100 / 1e6, cli / cur);
      }
    }
  }

  private static double cursorPass(DataStream s, long total) throws IOException {
    long t0 = System.nanoTime();
    long count = 0;
    try (EntryCursor c = s.cursor(0)) {
      while (c.next() != null) {
        count++;
      }
    }
    if (count != total) {
      throw new IllegalStateException("cursor read " + count + " of " + total);
    }
    return total / ((System.nanoTime() - t0) / 1e9);
  }

  private static double clientPass(int port, long total) throws IOException {
    long t0 = System.nanoTime();
    try (WireCounter c = new WireCounter(port, 0)) {
      c.readUntil(total);
      if (c.entries != total) {
        throw new IllegalStateException("client read " + c.entries + " of " + total);
      }
    }
    return total / ((System.nanoTime() - t0) / 1e9);
  }

  // ------------------------------------------------------------------ fan-out

  static void fanout(Path dir, int clients, ServerConfig.Threading threading, int seconds) throws Exception {
    try (DataStream s = open(dir)) {
      double solo = produceFor(s, seconds, null);
      try (DataStreamServer server = serve(s, threading, Math.max(1000, clients))) {
        long from = s.header().totalEntries();
        List<WireCounter> counters = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          WireCounter c = new WireCounter(server.port(), from);
          counters.add(c);
          readers.add(Thread.ofVirtual().start(() -> c.readUntil(Long.MAX_VALUE)));
        }
        long[] before = new long[clients];
        long cpu0 = processCpuNanos();
        double withClients = produceFor(s, seconds, () -> {
          for (int i = 0; i < clients; i++) {
            before[i] = counters.get(i).entries;
          }
        });
        long cpu = processCpuNanos() - cpu0;
        long committed = s.header().totalEntries() - from;
        double[] perClient = new double[clients];
        long[] at = new long[clients];
        for (int i = 0; i < clients; i++) {
          at[i] = counters.get(i).entries;
        }
        for (int i = 0; i < clients; i++) {
          perClient[i] = (at[i] - before[i]) / (double) seconds;
        }
        long minDelivered = Arrays.stream(at).min().orElse(0);
        for (WireCounter c : counters) {
          c.close();
        }
        for (Thread t : readers) {
          t.join();
        }
        Arrays.sort(perClient);
        System.out.printf(Locale.ROOT, "fanout: %d clients (%s threads), producer ops of 100 x 100 B, %d s window%n",
            clients, threading, seconds);
        System.out.printf(Locale.ROOT, "  producer solo (baseline):   %.0f entries/s%n", solo);
        System.out.printf(Locale.ROOT, "  producer with clients:      %.0f entries/s = %.2fx of solo%n", withClients, withClients / solo);
        System.out.printf(Locale.ROOT, "  per-client delivered:       median %.0f, min %.0f entries/s; aggregate %.0f entries/s%n",
            perClient[clients / 2], perClient[0], Arrays.stream(perClient).sum());
        System.out.printf(Locale.ROOT, "  process CPU: %.0f ns per delivered entry (server + clients + producer)%n",
            cpu / (Arrays.stream(perClient).sum() * seconds));
        System.out.printf(Locale.ROOT, "  slowest client lag at end:  %d entries of %d committed (%.1f s at its rate)%n",
            committed - minDelivered, committed, perClient[0] > 0 ? (committed - minDelivered) / perClient[0] : Double.NaN);
      }
    }
  }

  static void fanoutAtRate(Path dir, int clients, ServerConfig.Threading threading, int seconds, long rate)
      throws Exception {
    int opEntries = 100;
    try (DataStream s = open(dir); DataStreamServer server = serve(s, threading, Math.max(1000, clients))) {
      commitOp(s, opEntries); // entry 0.. exist, so clients start at a boundary mid-file
      long from = s.header().totalEntries();
      List<WireCounter> counters = new ArrayList<>();
      List<Thread> readers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        WireCounter c = new WireCounter(server.port(), from);
        c.recordLatency(opEntries, (int) Math.min(1 << 20, rate / opEntries * seconds * 2 + 1024));
        counters.add(c);
        readers.add(Thread.ofVirtual().start(() -> c.readUntil(Long.MAX_VALUE)));
      }
      AtomicBoolean sampling = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicLong maxLag = new java.util.concurrent.atomic.AtomicLong();
      Thread sampler = Thread.ofPlatform().daemon().start(() -> {
        while (sampling.get()) {
          long committed = s.header().totalEntries() - from;
          for (WireCounter c : counters) {
            maxLag.accumulateAndGet(committed - c.entries, Math::max);
          }
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
      });
      // Warm-up at the same rate (JIT, socket buffers), not measured.
      producePaced(s, Integer.getInteger("warmup", 2), rate, opEntries);
      long windowFrom = s.header().totalEntries();
      long[] atStart = new long[clients];
      for (int i = 0; i < clients; i++) {
        counters.get(i).latencyFrom = windowFrom;
        atStart[i] = counters.get(i).entries;
      }
      maxLag.set(0);
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      long committed = producePaced(s, seconds, rate, opEntries) + (windowFrom - from);
      double window = (System.nanoTime() - t0) / 1e9;
      long cpu = processCpuNanos() - cpu0;
      sampling.set(false);
      sampler.join();
      long[] at = new long[clients];
      for (int i = 0; i < clients; i++) {
        at[i] = counters.get(i).entries;
      }
      // Drain: how long until every client has everything (bounded wait).
      long drainStart = System.nanoTime();
      long drainDeadline = drainStart + TimeUnit.SECONDS.toNanos(30);
      for (WireCounter c : counters) {
        while (c.entries < committed && System.nanoTime() < drainDeadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
      }
      double drainMs = (System.nanoTime() - drainStart) / 1e6;
      for (WireCounter c : counters) {
        c.close();
      }
      for (Thread t : readers) {
        t.join();
      }
      double[] perClient = new double[clients];
      long minAt = Long.MAX_VALUE;
      List<long[]> lats = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        perClient[i] = (at[i] - atStart[i]) / window;
        minAt = Math.min(minAt, at[i]);
        lats.add(counters.get(i).latencies());
      }
      long[] all = lats.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      Arrays.sort(perClient);
      double committedRate = (committed - (windowFrom - from)) / window;
      System.out.printf(Locale.ROOT, "fanout: %d clients (%s threads), producer paced at %d entries/s in ops of %d x 100 B, %d s window after %d s warm-up%n",
          clients, threading, rate, opEntries, seconds, Integer.getInteger("warmup", 2));
      System.out.printf(Locale.ROOT, "  producer committed (baseline): %.0f entries/s%n", committedRate);
      System.out.printf(Locale.ROOT, "  per-client delivered:          median %.0f (%.2fx), min %.0f (%.2fx) entries/s; aggregate %.0f entries/s (%.0f MB/s)%n",
          perClient[clients / 2], perClient[clients / 2] / committedRate, perClient[0], perClient[0] / committedRate,
          Arrays.stream(perClient).sum(), Arrays.stream(perClient).sum() * 100 / 1e6);
      System.out.printf(Locale.ROOT, "  lag: max sampled every 50 ms %d entries (%.1f ms of production); slowest at end %d; all caught up %.0f ms after the window%n",
          maxLag.get(), maxLag.get() * 1e3 / committedRate, committed - minAt, drainMs);
      double delivered = Arrays.stream(perClient).sum() * window;
      System.out.printf(Locale.ROOT, "  process CPU in the window: %.2f of %d cores; %.0f ns CPU per delivered entry (server + clients + producer), %.2f CPU-s per delivered GB%n",
          cpu / 1e9 / window, Runtime.getRuntime().availableProcessors(), cpu / delivered, cpu / 1e9 / (delivered * 100 / 1e9));
      if (all.length > 0) {
        System.out.printf(Locale.ROOT, "  commit-to-client (last entry of each op, %d samples over all clients): p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us%n",
            all.length, all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3,
            all[(int) (all.length * 0.999)] / 1e3, all[all.length - 1] / 1e3);
      }
    }
  }

  /**
   * Commits ops of {@code opEntries} entries at {@code rate} entries/s for {@code seconds} (catching
   * up after a late op, never bursting beyond one op); the last entry of each op carries the
   * nanoTime just before it is added. Returns the number of entries committed.
   */
  private static long producePaced(DataStream s, int seconds, long rate, int opEntries) throws IOException {
    long period = TimeUnit.SECONDS.toNanos(1) * opEntries / rate;
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
    long next = t0;
    long n = 0;
    byte[] stamped = new byte[PAYLOAD_100.length];
    ByteBuffer stamp = ByteBuffer.wrap(stamped);
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        return n;
      }
      if (next > now) {
        java.util.concurrent.locks.LockSupport.parkNanos(next - now);
        continue;
      }
      next += period;
      s.startAtomicOp();
      for (int i = 0; i < opEntries - 1; i++) {
        s.addEntry(1, PAYLOAD_100);
      }
      stamp.putLong(0, System.nanoTime());
      s.addEntry(1, stamped);
      s.commitAtomicOp();
      n += opEntries;
    }
  }

  /** Commits ops of 100 entries for {@code seconds}; returns entries/s. */
  private static double produceFor(DataStream s, int seconds, Runnable atStart) throws IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    if (atStart != null) {
      atStart.run();
    }
    long t0 = System.nanoTime();
    long n = 0;
    while (System.nanoTime() < end) {
      commitOp(s, 100);
      n += 100;
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  // ------------------------------------------------------------------ latency

  static void latency(Path dir, int samples) throws Exception {
    try (DataStream s = open(dir); DataStreamServer server = serve(s, ServerConfig.Threading.VIRTUAL, 10)) {
      long[] lat = new long[samples];
      AtomicBoolean failed = new AtomicBoolean();
      try (WireCounter c = new WireCounter(server.port(), 0)) {
        Thread reader = Thread.ofPlatform().start(() -> {
          try {
            for (int i = 0; i < samples; i++) {
              long committedAt = c.readOne();
              lat[i] = System.nanoTime() - committedAt;
            }
          } catch (IOException e) {
            failed.set(true);
          }
        });
        long period = TimeUnit.MILLISECONDS.toNanos(1);
        long next = System.nanoTime();
        ByteBuffer b = ByteBuffer.allocate(100 - 17);
        for (int i = 0; i < samples; i++) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
          next += period;
          s.startAtomicOp();
          b.putLong(0, System.nanoTime());
          s.addEntry(1, b.array());
          s.commitAtomicOp();
        }
        reader.join();
      }
      if (failed.get()) {
        throw new IllegalStateException("latency reader failed");
      }
      long[] warm = Arrays.copyOfRange(lat, samples / 10, samples);
      Arrays.sort(warm);
      System.out.printf(Locale.ROOT, "latency: 1 x 100 B entry per op at 1,000 ops/s, %d samples (first 10%% dropped)%n", samples);
      System.out.printf(Locale.ROOT, "  commit-to-client: p50 %.0f us, p99 %.0f us, max %.0f us%n",
          warm[warm.length / 2] / 1e3, warm[(int) (warm.length * 0.99)] / 1e3, warm[warm.length - 1] / 1e3);
    }
  }

  record SlowResult(double median, double min, double max, long committed, int clients, int complete, int endedEarly,
      double serverDisconnects, double drainSeconds, String firstEnd) {
    void print(String what) {
      System.out.printf(Locale.ROOT, "  %s:%n    per-client delivered in the window: median %.0f, min %.0f, max %.0f entries/s"
          + " (%.1f / %.1f MB/s)%n    disconnected by the server: %.0f; streams ended early: %d%s; complete (all %d entries) %d of %d,"
          + " %.1f s after the window%n", what, median, min, max, median * 100 / 1e6, min * 100 / 1e6, serverDisconnects,
          endedEarly, firstEnd == null ? "" : " (first: " + firstEnd + ")", committed, complete, clients, drainSeconds);
    }
  }

  static SlowResult slowReaders(Path dir, int clients, int seconds, long rate, long readRate, boolean raw)
      throws Exception {
    Files.createDirectories(dir);
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    try (DataStream s = open(dir)) {
      AutoCloseable server;
      int port;
      if (raw) {
        RawFanoutServer r = new RawFanoutServer(s);
        server = r;
        port = r.port();
      } else {
        DataStreamServer d = new DataStreamServer(s, ServerConfig.loopback().withMaxClients(Math.max(1000, clients)), registry);
        d.start();
        server = d;
        port = d.port();
      }
      try (server) {
        List<WireCounter> counters = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          WireCounter c = new WireCounter(port, 0);
          c.throttle(readRate);
          counters.add(c);
          readers.add(Thread.ofVirtual().start(() -> c.readUntil(Long.MAX_VALUE)));
        }
        long t0 = System.nanoTime();
        long committed = producePaced(s, seconds, rate, 100);
        double window = (System.nanoTime() - t0) / 1e9;
        double[] perClient = new double[clients];
        for (int i = 0; i < clients; i++) {
          perClient[i] = counters.get(i).entries / window;
        }
        // Drain: as long as the slowest reader needs at its own rate, plus 10 s.
        long drainStart = System.nanoTime();
        double slowest = Arrays.stream(perClient).min().orElse(0);
        long drainNanos = TimeUnit.SECONDS.toNanos(10) + (slowest > 0
            ? (long) ((committed - slowest * window) / slowest * 1.2e9) : TimeUnit.SECONDS.toNanos(60));
        long deadline = drainStart + Math.min(drainNanos, TimeUnit.SECONDS.toNanos(300));
        for (WireCounter c : counters) {
          while (c.entries < committed && c.endedEarly == null && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
          }
        }
        double drained = (System.nanoTime() - drainStart) / 1e9;
        // Server-side cuts (write timeout etc.), read before the benchmark closes its clients.
        double disconnects = registry.find("datastream.clients.disconnected").counters().stream()
            .filter(m -> !"server_closing".equals(m.getId().getTag("reason")) && !"peer_closed".equals(m.getId().getTag("reason")))
            .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
        int complete = 0;
        int ended = 0;
        String firstEnd = null;
        for (WireCounter c : counters) {
          if (c.entries == committed) {
            complete++;
          }
          if (c.endedEarly != null) {
            ended++;
            firstEnd = firstEnd == null ? c.endedEarly : firstEnd;
          }
          c.close();
        }
        for (Thread t : readers) {
          t.join();
        }
        Arrays.sort(perClient);
        return new SlowResult(perClient[clients / 2], perClient[0], perClient[clients - 1], committed, clients, complete,
            ended, disconnects, drained, firstEnd);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}

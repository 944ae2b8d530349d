package dev.zisk4j.cli.datastream;

import dev.zisk4j.cli.BadValue;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.datastream.client.ClientConfig;
import dev.zisk4j.datastream.client.DataStreamClient;
import dev.zisk4j.datastream.client.EntryListener;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.file.StreamHeader;
import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zisk4j datastream client}: query a data-stream server or follow its stream. */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Query a data-stream server (ours or the Go reference) or follow its stream.")
public final class ClientCommand implements Callable<Integer> {
  private static final HexFormat HEX = HexFormat.of();

  @Spec CommandSpec spec;

  @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "Server address.")
  String server;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  static final class Action {
    @Option(names = "--header", description = "Print the committed header.")
    boolean header;

    @Option(names = "--entry", paramLabel = "N", description = "Print entry N.")
    Long entry;

    @Option(names = "--bookmark", paramLabel = "HEX",
        description = "Print the first non-bookmark entry at or after bookmark HEX.")
    String bookmark;

    @Option(names = "--from", paramLabel = "N|latest", description = "Stream from entry N, or from the tip.")
    String from;
  }

  @Option(names = "--sanity-check", description = "While streaming, report gaps and repeats instead of printing entries.")
  boolean sanityCheck;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N streamed entries, N >= 1 (default: until Ctrl-C).")
  Long count;

  @Option(names = "--progress-interval-s", paramLabel = "S", defaultValue = "5",
      description = "With --sanity-check: print a progress line every S seconds (default 5; 0 = never).")
  long progressIntervalS;

  @Option(names = "--stream-type", paramLabel = "N", defaultValue = "1", description = "Stream type (default 1).")
  long streamType;

  @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
      description = "Connect and reply timeout (default 5000; 1..86400000).")
  long timeoutMs;

  @Option(names = "--reconnect", description = "Reconnect and resume at last+1 if the connection breaks.")
  boolean reconnect;

  @Override
  public Integer call() throws Exception {
    if (count != null && count < 1) {
      throw BadValue.of(spec.commandLine(), "--count", count, "1 or more (leave it out to stream until Ctrl-C)");
    }
    if (timeoutMs < 1 || timeoutMs > ServingOptions.MAX_TIMEOUT_MS) {
      throw BadValue.of(spec.commandLine(), "--timeout-ms", timeoutMs, "1.." + ServingOptions.MAX_TIMEOUT_MS + " ms");
    }
    if (progressIntervalS < 0 || progressIntervalS > 86_400) {
      throw BadValue.of(spec.commandLine(), "--progress-interval-s", progressIntervalS, "0..86400 (0 = no progress lines)");
    }
    ClientConfig parsed;
    try {
      parsed = ClientConfig.parse(server);
    } catch (IllegalArgumentException e) {
      throw BadValue.of(spec.commandLine(), "--server", server, "HOST:PORT with PORT 1..65535, e.g. localhost:6900");
    }
    // Every value is checked before connecting: a typo must not wait for a server first.
    if (action.entry != null && action.entry < 0) {
      throw BadValue.of(spec.commandLine(), "--entry", action.entry, "an entry number, 0 or more");
    }
    byte[] bookmark = action.bookmark == null ? null : parseHex(action.bookmark);
    long fromEntry = action.from == null || "latest".equalsIgnoreCase(action.from) ? -1 : parseFrom(action.from);
    ClientConfig cfg = new ClientConfig(parsed.host(), parsed.port(), streamType, Duration.ofMillis(timeoutMs),
        Duration.ofMillis(timeoutMs), reconnect, Duration.ofMillis(500));
    PrintWriter out = spec.commandLine().getOut();
    try (DataStreamClient c = DataStreamClient.connect(cfg)) {
      if (action.header) {
        StreamHeader h = c.header();
        out.printf("version=%d systemId=%d streamType=%d totalLength=%d totalEntries=%d%n",
            h.version(), h.systemId(), h.streamType(), h.totalLength(), h.totalEntries());
        return 0;
      }
      if (action.entry != null) {
        return printOrNotFound(out, c.entry(action.entry), "entry " + action.entry);
      }
      if (action.bookmark != null) {
        return printOrNotFound(out, c.bookmark(bookmark), "bookmark " + action.bookmark);
      }
      return follow(c, out, fromEntry);
    }
  }


  private static int printOrNotFound(PrintWriter out, Optional<StreamEntry> e, String what) {
    if (e.isEmpty()) {
      throw new CommandFailedException(what + " not found", 1);
    }
    out.println(format(e.get(), Integer.MAX_VALUE));
    return 0;
  }

  /** Streams from {@code fromEntry}, or from the tip when it is -1 ("latest"). */
  private int follow(DataStreamClient c, PrintWriter out, long fromEntry) throws Exception {
    long from = fromEntry < 0 ? c.header().totalEntries() : fromEntry;
    SequenceCheck check = new SequenceCheck();
    AtomicLong seen = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Throwable> ended = new AtomicReference<>();
    long limit = count == null ? Long.MAX_VALUE : count;
    ResultPacket r = c.start(from, new EntryListener() {
      @Override
      public void onEntry(StreamEntry e) {
        if (seen.get() >= limit) {
          return;
        }
        if (sanityCheck) {
          String problem = check.accept(e.number());
          if (problem != null) {
            synchronized (out) {
              out.println(problem);
            }
          }
        } else {
          synchronized (out) {
            out.println(format(e, 32));
          }
        }
        if (seen.incrementAndGet() >= limit) {
          done.countDown();
        }
      }

      @Override
      public void onStreamEnded(Throwable cause) {
        ended.set(cause);
        done.countDown();
      }
    });
    if (!r.isOk()) {
      throw new CommandFailedException("server " + server + " refused Start(" + from + "): errorNum=" + r.errorNum()
          + ", message=" + r.message(), 1);
    }
    // The summary is printed once: at the end, or by the shutdown hook on Ctrl-C / SIGTERM (a
    // `timeout` run), which the JVM runs before it exits, so it cannot be lost.
    AtomicBoolean summarised = new AtomicBoolean();
    Runnable summary = () -> {
      if (sanityCheck && summarised.compareAndSet(false, true)) {
        synchronized (out) {
          out.println(check.summary());
          out.flush();
        }
      }
    };
    Thread hook = Thread.ofPlatform().unstarted(() -> {
      done.countDown();
      summary.run();
      out.flush();
    });
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService progress = null;
    if (sanityCheck && progressIntervalS > 0) {
      progress = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("progress").factory());
      long[] last = {System.nanoTime()};
      progress.scheduleAtFixedRate(() -> {
        long now = System.nanoTime();
        synchronized (out) {
          out.println(check.progress((now - last[0]) / 1e9));
          out.flush();
        }
        last[0] = now;
      }, progressIntervalS, progressIntervalS, TimeUnit.SECONDS);
    }
    try {
      done.await();
    } finally {
      if (progress != null) {
        progress.shutdownNow();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook prints the summary
    }
    if (ended.get() == null) {
      c.stop();
    }
    summary.run();
    out.flush();
    if (ended.get() != null) {
      throw new CommandFailedException("stream from " + server + " ended: " + ended.get().getMessage(), 1);
    }
    return sanityCheck && !check.ok() ? 1 : 0;
  }

  static String format(StreamEntry e, int maxDataBytes) {
    byte[] d = e.data();
    String hex = d.length <= maxDataBytes ? HEX.formatHex(d) : HEX.formatHex(d, 0, maxDataBytes) + "...";
    return "entry " + e.number() + " type=0x" + Integer.toHexString(e.type()) + (e.isBookmark() ? " (bookmark)" : "")
        + " length=" + e.encodedLength() + " data=" + hex;
  }

  private long parseFrom(String v) {
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw BadValue.of(spec.commandLine(), "--from", v, "an entry number (0 or more) or 'latest'");
  }

  private byte[] parseHex(String v) {
    byte[] b = null;
    try {
      b = HEX.parseHex(v.startsWith("0x") ? v.substring(2) : v);
    } catch (IllegalArgumentException e) {
      // refused below
    }
    if (b == null || b.length < 1 || b.length > 16) {
      throw BadValue.of(spec.commandLine(), "--bookmark", v, "1 to 16 bytes in hex, e.g. 000000000000000003");
    }
    return b;
  }
}

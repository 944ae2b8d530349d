package dev.zisk4j.datastream.server;

import dev.zisk4j.datastream.file.DataStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real producer for demos ({@code datastream server --demo-rate N}): commits N atomic operations
 * per second into the served stream, each shaped like the Go dsapp's: a bookmark (kind 0 = L2
 * block, u64 block number), a block start (type 1), a transaction (type 2) and a block end (type 3).
 *
 * <p>Pacing is a token bucket on an injected clock, checked every millisecond (or every operation
 * for rates under 1,000/s), so high rates are met on average, not by per-op timers.
 */
public final class DemoProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoProducer.class);
  /** Entry types of the dsapp demo payloads. */
  public static final int BLOCK_START = 1;
  public static final int TRANSACTION = 2;
  public static final int BLOCK_END = 3;

  private final DataStream stream;
  private final double opsPerSecond;
  private final LongSupplier nanoClock;
  private final ScheduledExecutorService timer;
  private long startNanos;
  private long opsDone;
  private long block;

  /**
   * @throws IllegalArgumentException unless {@code 0 < opsPerSecond <= 1,000,000}
   */
  public DemoProducer(DataStream stream, double opsPerSecond, LongSupplier nanoClock) {
    if (!(opsPerSecond > 0 && opsPerSecond <= 1_000_000)) {
      throw new IllegalArgumentException("demo rate out of range: opsPerSecond=" + opsPerSecond + ", allowed=(0, 1000000]");
    }
    this.stream = stream;
    this.opsPerSecond = opsPerSecond;
    this.nanoClock = nanoClock;
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ds-demo").factory());
  }

  /** Starts committing in the background; block numbers continue after the stream's bookmarks count. */
  public void start() {
    block = stream.header().totalEntries() / 4;
    startNanos = nanoClock.getAsLong();
    long periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), (long) (1e9 / opsPerSecond));
    timer.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
    log.info("demo producer: {} ops/s into {}", opsPerSecond, stream.path());
  }

  /** Commits the operations that are due by now; returns how many it committed. Serialised: the timer and tests may both call it. */
  synchronized int tick() {
    long due = (long) ((nanoClock.getAsLong() - startNanos) * opsPerSecond / 1e9) + 1;
    int n = 0;
    try {
      while (opsDone < due) {
        commitOne();
        opsDone++;
        n++;
      }
    } catch (IOException | RuntimeException e) {
      log.error("demo producer stopped: {}", e.toString());
      timer.shutdown();
    }
    return n;
  }

  /** Commits one demo operation (4 entries) now. */
  public synchronized void commitOne() throws IOException {
    long b = block++;
    stream.startAtomicOp();
    try {
      stream.addBookmark(ByteBuffer.allocate(9).put((byte) 0).putLong(b).array());
      stream.addEntry(BLOCK_START, ByteBuffer.allocate(24).putLong(b).putLong(System.currentTimeMillis()).putLong(1).array());
      stream.addEntry(TRANSACTION, ByteBuffer.allocate(43).putLong(b).array());
      stream.addEntry(BLOCK_END, ByteBuffer.allocate(8).putLong(b).array());
      stream.commitAtomicOp();
    } catch (IOException | RuntimeException e) {
      try {
        stream.rollbackAtomicOp();
      } catch (RuntimeException closedAlready) {
        e.addSuppressed(closedAlready); // the commit itself failed after closing the op
      }
      throw e;
    }
  }

  /** Stops producing (an operation in progress completes first); idempotent. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

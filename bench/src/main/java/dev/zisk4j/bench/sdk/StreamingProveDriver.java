package dev.zisk4j.bench.sdk;

import dev.zisk4j.bench.engine.GuestFiles;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.sdk.EmbeddedProverClient;
import dev.zisk4j.sdk.ExecuteResult;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.JobHandle;
import dev.zisk4j.sdk.ProveResult;
import dev.zisk4j.sdk.ProverClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Streaming input while proving, measured (issue 5's performance section).
 *
 * <pre>
 * bin/bench --main dev.zisk4j.bench.sdk.StreamingProveDriver prove   MiB rateMiBps logRows
 * bin/bench --main dev.zisk4j.bench.sdk.StreamingProveDriver execute MiB
 * </pre>
 *
 * <p>{@code prove}: a host thread writes {@code MiB} of 64 KiB records of u64 words into a unix
 * ZiskStream at {@code rateMiBps} (0 = as fast as possible) while checksum.zasm is proven; reports
 * the time from the last flushed byte to the verified-ready proof, and, as the baseline in the same
 * run, the time to prove the same input handed over whole (ZiskStdin). One small proof runs first,
 * unmeasured, so that neither measured run pays for JIT warm-up. {@code execute}: streams
 * {@code MiB} through an execute job (no proof) and reports throughput and the peak heap, to show that
 * memory does not grow with the input.
 */
public final class StreamingProveDriver {
  private static final int RECORD_BYTES = 64 * 1024;

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "prove";
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    GuestProgram checksum = GuestProgram.fromFile(GuestFiles.path("checksum"));
    HeapPeak peak = new HeapPeak();
    if (mode.equals("execute")) {
      try (EmbeddedProverClient client = ProverClient.embedded().build(); ZiskStream stream = ZiskStream.unix()) {
        long t0 = System.nanoTime();
        JobHandle<ExecuteResult> job = client.execute(checksum, stream).run();
        feed(stream, mib, 0);
        ExecuteResult r = job.get();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "execute: %d MiB streamed, %,d steps in %.2f s (%.1f MiB/s, %.1f M steps/s); "
            + "peak heap used %.0f MiB, max heap %.0f MiB%n", mib, r.steps(), s, mib / s, r.steps() / s / 1e6,
            peak.peakMiB(), Runtime.getRuntime().maxMemory() / 1048576.0);
      }
      return;
    }
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    int logRows = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    ProveOptions options = ProveOptions.standard().withLogRows(logRows).withMaxSegments(1 << 16);
    try (EmbeddedProverClient client = ProverClient.embedded().options(options).build()) {
      // Warm-up (JIT, verifying key): one whole-input proof of a single record, not measured.
      ZiskStdin warm = new ZiskStdin();
      warm.writeSlice(record(0));
      client.prove(checksum, warm).run().get();
      long lastByte;
      ProveResult streamed;
      try (ZiskStream stream = ZiskStream.unix()) {
        JobHandle<ProveResult> job = client.prove(checksum, stream).run();
        lastByte = feed(stream, mib, rate);
        streamed = job.get();
      }
      long done = System.nanoTime();
      ZiskStdin whole = new ZiskStdin();
      for (int r = 0; r < mib * (1048576 / RECORD_BYTES); r++) {
        whole.writeSlice(record(r));
      }
      long b0 = System.nanoTime();
      ProveResult baseline = client.prove(checksum, whole).run().get();
      double baseS = (System.nanoTime() - b0) / 1e9;
      double after = (done - lastByte) / 1e9;
      System.out.printf(Locale.ROOT, "prove: %d MiB at %s, segments of 2^%d rows: %d segments, %,d steps; "
              + "after last byte %.2f s; streamed total %.2f s; whole-input baseline %.2f s (ratio after-last-byte/baseline %.2f); "
              + "%.0f rows/s; peak heap used %.0f MiB; proof %,d bytes%n",
          mib, rate == 0 ? "full speed" : rate + " MiB/s", logRows, streamed.segments(), streamed.steps(), after,
          streamed.provingTime().toNanos() / 1e9, baseS, after / baseS,
          (double) streamed.segments() * (1 << logRows) / baseS, peak.peakMiB(), streamed.proofBytes());
      if (baseline.segments() != streamed.segments()) {
        throw new IllegalStateException("streamed and whole runs differ: " + streamed.segments() + " vs " + baseline.segments());
      }
    }
  }

  /** Writes {@code mib} MiB of records at {@code rateMiBps} (0 = unthrottled); returns the nanoTime of the last flush. */
  private static long feed(ZiskStream stream, int mib, double rateMiBps) throws Exception {
    int records = mib * (1048576 / RECORD_BYTES);
    long t0 = System.nanoTime();
    for (int r = 0; r < records; r++) {
      if (rateMiBps > 0) {
        long due = t0 + (long) (r * (RECORD_BYTES / 1048576.0) / rateMiBps * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      stream.writeSlice(record(r));
      stream.flush();
    }
    return System.nanoTime();
  }

  static byte[] record(int r) {
    ByteBuffer b = ByteBuffer.allocate(RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    long x = 0x9E3779B97F4A7C15L * (r + 1);
    while (b.hasRemaining()) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b.putLong(x >>> 1);
    }
    return b.array();
  }

  /** Sum of the heap pools' peak used bytes since construction (the JVM's own counters): an upper bound of the peak heap. */
  static final class HeapPeak {
    HeapPeak() {
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        p.resetPeakUsage();
      }
    }

    double peakMiB() {
      long sum = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          sum += p.getPeakUsage().getUsed();
        }
      }
      return sum / 1048576.0;
    }
  }
}

package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import java.lang.management.ManagementFactory;

/**
 * Benchmark command (not JMH): proving throughput for runs of about 1, 4 and 16 segments of
 * 2^logRows rows (mix.zasm), mean wall and process CPU time of 3 runs after 2 warm-up runs of each size.
 * Usage: {@code bin/bench --main dev.zisk4j.bench.engine.SegmentScaling [logRows]}.
 */
public final class SegmentScaling {
  private SegmentScaling() {}

  public static void main(String[] args) throws Exception {
    int logRows = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    ProgramImage mix = GuestFiles.image("mix", logRows - 2);
    ProveOptions options = new ProveOptions(logRows, ProofOptions.DEFAULT, InputMode.PUBLIC, 1024);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("mix.zasm, segments of 2^%d rows, blowup 8, 30 queries, %d cores%n", logRows,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("  %8s %10s %10s %12s %12s %12s%n", "segments", "wall ms", "CPU ms", "rows/s wall", "rows/CPU-s",
        "bundle B");
    try (Workers workers = Workers.perCore()) {
      ZkVm vm = new ZkVm(workers);
      for (int target : new int[] {1, 4, 16}) {
        // ≈ 100 cycles per word (measured); 0.9 of a segment's cycles per target segment
        byte[] input = GuestFiles.randomRecord((int) (0.9 * target * ((1 << logRows) - 1) / 100), 11);
        vm.prove(mix, input, options, ProgressListener.NONE);
        vm.prove(mix, input, options, ProgressListener.NONE);
        int runs = 3;
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ProofResult r = null;
        for (int i = 0; i < runs; i++) {
          r = vm.prove(mix, input, options, ProgressListener.NONE);
        }
        double wall = (System.nanoTime() - t0) / 1e9 / runs;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / runs;
        long rows = (long) r.segments() << logRows;
        System.out.printf("  %8d %10.0f %10.0f %12.0f %12.0f %12d%n", r.segments(), wall * 1e3, cpu * 1e3, rows / wall,
            rows / cpu, r.bundle().length);
      }
    }
  }
}

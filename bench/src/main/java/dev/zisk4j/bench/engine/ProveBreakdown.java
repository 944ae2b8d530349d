package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark command (not JMH): proves one mix.zasm segment of 2^logRows rows {@code runs} times
 * after {@code warmup} runs and prints the mean time per proving phase (the cost breakdown), rows/s
 * and the proof size. Usage: {@code bin/bench --main dev.zisk4j.bench.engine.ProveBreakdown [logRows] [warmup] [runs]}.
 */
public final class ProveBreakdown {
  private ProveBreakdown() {}

  public static void main(String[] args) throws Exception {
    int logRows = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    ProgramImage mix = GuestFiles.image("mix", logRows - 2);
    byte[] input = GuestFiles.randomRecord((int) (0.9 * (1 << logRows) / 115), 3);
    ProveOptions options = new ProveOptions(logRows, ProofOptions.DEFAULT, InputMode.PUBLIC, 1);
    Map<String, Long> total = new LinkedHashMap<>();
    Map<String, Long> totalCpu = new LinkedHashMap<>();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long totalNanos = 0;
    long cpuNanos = 0;
    int size = 0;
    try (Workers workers = Workers.perCore()) {
      ZkVm vm = new ZkVm(workers);
      for (int i = 0; i < warmup + runs; i++) {
        Map<String, Long> phases = new LinkedHashMap<>();
        Map<String, Long> cpu = new LinkedHashMap<>();
        long[] last = {System.nanoTime(), os.getProcessCpuTime()};
        long cpu0 = last[1];
        String[] current = {"plan"};
        ProofResult r = vm.prove(mix, input, options, (phase, fraction) -> {
          long now = System.nanoTime();
          long nowCpu = os.getProcessCpuTime();
          phases.merge(bucket(current[0]), now - last[0], Long::sum);
          cpu.merge(bucket(current[0]), nowCpu - last[1], Long::sum);
          last[0] = now;
          last[1] = nowCpu;
          current[0] = phase;
        });
        if (i >= warmup) {
          phases.forEach((k, v) -> total.merge(k, v, Long::sum));
          cpu.forEach((k, v) -> totalCpu.merge(k, v, Long::sum));
          totalNanos += r.provingNanos();
          cpuNanos += os.getProcessCpuTime() - cpu0;
          size = r.bundle().length;
        }
      }
    }
    System.out.printf("mix.zasm, 2^%d rows, blowup 8, 30 queries, 16+16 grinding bits, %d cores, %d runs after %d warm-up%n",
        logRows, Runtime.getRuntime().availableProcessors(), runs, warmup);
    System.out.printf("  %-16s %10s %10s %7s%n", "phase", "wall ms", "CPU ms", "CPU %");
    for (Map.Entry<String, Long> e : total.entrySet()) {
      long c = totalCpu.getOrDefault(e.getKey(), 0L);
      System.out.printf("  %-16s %10.1f %10.1f %6.1f%%%n", e.getKey(), e.getValue() / 1e6 / runs, c / 1e6 / runs,
          100.0 * c / cpuNanos);
    }
    double seconds = totalNanos / 1e9 / runs;
    double cpuSeconds = cpuNanos / 1e9 / runs;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("  total wall %.1f ms -> %.0f rows/s; CPU %.1f s -> %.0f rows/s if the %d cores were ours; proof %d bytes%n",
        seconds * 1e3, (1 << logRows) / seconds, cpuSeconds, (1 << logRows) / (cpuSeconds / cores), cores, size);
  }

  /** Folds the per-segment progress labels into cost buckets. */
  private static String bucket(String phase) {
    if (phase.startsWith("commit segment") || phase.startsWith("prove segment")) {
      return "(bookkeeping)";
    }
    return switch (phase) {
      case "commit-main" -> "LDE+Merkle main";
      case "aux" -> "aux LDE+Merkle";
      case "quotient" -> "composition";
      case "deep" -> "DEEP";
      case "fri" -> "FRI";
      case "grind", "open" -> "grind+open";
      case "global challenges" -> "global PoW";
      case "verifying key" -> "verifying key";
      case "aggregate" -> "self-verify";
      default -> phase;
    };
  }
}

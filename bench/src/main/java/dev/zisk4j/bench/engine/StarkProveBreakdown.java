package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.air.toy.WideAir;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.stark.StarkProofFormat;
import dev.zisk4j.engine.stark.StarkProver;
import dev.zisk4j.engine.stark.StarkVerifier;
import dev.zisk4j.engine.stark.VerifyingKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark command: proves {@link WideAir} at 2^logN rows {@code runs} times after {@code warmups} warm-up
 * proofs and prints the mean time per prover phase (from the prover's progress hook), rows/s, proof size and
 * verification time. Usage: {@code bin/bench --main dev.zisk4j.bench.engine.StarkProveBreakdown [logN] [warmups] [runs]}.
 */
public final class StarkProveBreakdown {
    private StarkProveBreakdown() {}

    public static void main(String[] args) {
        int logN = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        WideAir air = new WideAir();
        long[][] trace = WideAir.trace(1 << logN, 1);
        long[] pub = {trace[0][trace[0].length - 1]};
        Map<String, Long> phases = new LinkedHashMap<>();
        Map<String, Long> cpu = new LinkedHashMap<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] lastCpu = new long[1];
        long[] last = new long[1];
        String[] current = new String[1];
        try (Workers w = Workers.perCore()) {
            StarkProver prover = new StarkProver(ProofOptions.DEFAULT, w, phase -> {
                long now = System.nanoTime();
                long nowCpu = os.getProcessCpuTime();
                if (current[0] != null) {
                    phases.merge(current[0], now - last[0], Long::sum);
                    cpu.merge(current[0], nowCpu - lastCpu[0], Long::sum);
                }
                current[0] = phase.equals("done") ? null : phase;
                last[0] = now;
                lastCpu[0] = nowCpu;
            });
            byte[] proof = null;
            for (int i = 0; i < warmups; i++) {
                proof = StarkProofFormat.encode(prover.prove(air, trace, pub));
            }
            phases.clear();
            cpu.clear();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                proof = StarkProofFormat.encode(prover.prove(air, trace, pub));
            }
            double total = (System.nanoTime() - t0) / 1e6 / runs;
            double totalCpu = (os.getProcessCpuTime() - cpu0) / 1e6 / runs;
            VerifyingKey vk = VerifyingKey.of(air, logN, ProofOptions.DEFAULT, w);
            StarkVerifier v = new StarkVerifier();
            for (int i = 0; i < 20; i++) {
                v.verify(vk, proof, pub);
            }
            long v0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                if (!v.verify(vk, proof, pub).accepted()) {
                    throw new IllegalStateException("proof rejected");
                }
            }
            double verifyMs = (System.nanoTime() - v0) / 1e6 / 20;
            System.out.printf("WideAir 2^%d rows, %d cores, %d runs after %d warm-ups%n", logN,
                    Runtime.getRuntime().availableProcessors(), runs, warmups);
            System.out.printf("  load average at start %.2f (the machine is shared: CPU time is the steadier figure)%n",
                    os.getSystemLoadAverage());
            phases.forEach((k, ns) -> System.out.printf("  %-12s %8.1f ms wall  %8.1f ms cpu  (%4.1f%% of cpu)%n", k,
                    ns / 1e6 / runs, cpu.get(k) / 1e6 / runs, 100.0 * cpu.get(k) / 1e6 / runs / totalCpu));
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("  total        %8.1f ms wall  %8.1f ms cpu -> %.0f rows/s wall, %.0f rows/s if the cpu"
                    + " time spread over %d idle cores%n", total, totalCpu, (1 << logN) / (total / 1000),
                    (1 << logN) / (totalCpu / 1000 / cores), cores);
            System.out.printf("  proof size   %d bytes; verify %.2f ms; peak heap used %d MB%n", proof.length, verifyMs,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }
}

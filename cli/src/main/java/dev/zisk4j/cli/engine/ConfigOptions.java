package dev.zisk4j.cli.engine;

import dev.zisk4j.engine.segment.VmConfig;
import picocli.CommandLine.Option;

/** Segment shape and STARK options for {@code prove}. */
final class ConfigOptions {
  @Option(names = "--log-rows", defaultValue = "16", description = "Segment rows 2^N (default ${DEFAULT-VALUE}).")
  int logRows;

  @Option(names = "--log-memory", description = "RAM words 2^M (default min(14, N-2); M <= N-2).")
  Integer logMemory;

  @Option(names = "--queries", defaultValue = "30", description = "FRI queries (default ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--grinding-bits", defaultValue = "16", description = "Proof-of-work bits (default ${DEFAULT-VALUE}).")
  int grindingBits;

  @Option(names = "--log-blowup", defaultValue = "3", description = "LDE blowup 2^B (default ${DEFAULT-VALUE}).")
  int logBlowup;

  /** @throws IllegalArgumentException naming the unsupported option value */
  VmConfig config() {
    int m = logMemory != null ? logMemory : Math.max(1, Math.min(14, logRows - 2));
    return new VmConfig(logRows, m, logBlowup, queries, grindingBits, 2, 2, VmConfig.HASH_SHA256);
  }
}

package dev.zisk4j.cli.engine;

import dev.zisk4j.engine.segment.VmConfig;
import picocli.CommandLine.Option;

/** Segment shape and STARK options for {@code prove}. */
final class ConfigOptions {
  @Option(names = "--log-rows", defaultValue = "16", description = "Segment rows 2^N (default ${DEFAULT-VALUE}).")
  int logRows;

  @Option(names = "--log-memory", defaultValue = "14", description = "RAM words 2^M (default ${DEFAULT-VALUE}; M <= N-2).")
  int logMemory;

  @Option(names = "--queries", defaultValue = "30", description = "FRI queries (default ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--grinding-bits", defaultValue = "16", description = "Proof-of-work bits (default ${DEFAULT-VALUE}).")
  int grindingBits;

  @Option(names = "--log-blowup", defaultValue = "3", description = "LDE blowup 2^B (default ${DEFAULT-VALUE}).")
  int logBlowup;

  /** @throws IllegalArgumentException naming the unsupported option value */
  VmConfig config() {
    return new VmConfig(logRows, logMemory, logBlowup, queries, grindingBits, 2, 2, VmConfig.HASH_SHA256);
  }
}

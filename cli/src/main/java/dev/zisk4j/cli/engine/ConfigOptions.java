package dev.zisk4j.cli.engine;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vmair.InputMode;
import picocli.CommandLine.Option;

/**
 * Segment size and STARK options for {@code prove}: a named security profile, optionally adjusted.
 * The RAM size is not an option: it is the program's ({@code .memory} in the source).
 */
final class ConfigOptions {
  @Option(names = "--log-rows", defaultValue = "16", description = "Segment rows 2^N (default ${DEFAULT-VALUE}; at least 4x the program's RAM).")
  int logRows;

  @Option(names = "--security", defaultValue = "conjectured-100", paramLabel = "PROFILE",
      description = "Security profile: conjectured-100 (default, fast: about 105 conjectured / 58 proven bits) or "
          + "proven-100 (at least 100 proven bits: cubic extension, more queries).")
  String security;

  @Option(names = "--queries", description = "FRI queries (default: the profile's).")
  Integer queries;

  @Option(names = "--grinding-bits", description = "Proof-of-work bits (default: the profile's).")
  Integer grindingBits;

  @Option(names = "--log-blowup", description = "LDE blowup 2^B (default: the profile's).")
  Integer logBlowup;

  /** @throws IllegalArgumentException naming the unknown profile or the unsupported option value */
  ProveOptions options(InputMode mode, int maxSegments) {
    ProofOptions p = SecurityProfile.of(security).options();
    try {
      p = new ProofOptions(logBlowup != null ? logBlowup : p.logBlowup(), p.logFold(),
          queries != null ? queries : p.numQueries(), grindingBits != null ? grindingBits : p.grindingBits(),
          p.extensionDegree());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported config: " + e.getMessage(), e);
    }
    return new ProveOptions(logRows, p, mode, maxSegments);
  }
}

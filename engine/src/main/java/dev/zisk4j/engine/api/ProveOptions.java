package dev.zisk4j.engine.api;

import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.vmair.InputMode;

/**
 * How to prove: the run config (segment size, RAM, STARK options), the input mode and a bound on
 * the number of segments (a guest that never halts stops there).
 */
public record ProveOptions(VmConfig config, InputMode inputMode, int maxSegments) {
  public ProveOptions {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be positive: maxSegments=" + maxSegments);
    }
  }

  /** Segments of 2^16 rows, RAM of 2^14 words, public input, at most 1024 segments. */
  public static ProveOptions standard() {
    return new ProveOptions(VmConfig.standard(16, 14), InputMode.PUBLIC, 1024);
  }

  public ProveOptions withConfig(VmConfig c) {
    return new ProveOptions(c, inputMode, maxSegments);
  }

  public ProveOptions withInputMode(InputMode m) {
    return new ProveOptions(config, m, maxSegments);
  }
}

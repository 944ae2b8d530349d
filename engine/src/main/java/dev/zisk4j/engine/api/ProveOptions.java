package dev.zisk4j.engine.api;

import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;

/**
 * How to prove: segments of 2^logRows rows, the STARK options (a {@link SecurityProfile}'s or custom
 * ones), the input mode and a bound on the number of segments (a guest that never halts stops there).
 * The RAM size is not here: it is the program's ({@link ProgramImage#memoryWords()}).
 */
public record ProveOptions(int logRows, ProofOptions stark, InputMode inputMode, int maxSegments) {
  /** @throws IllegalArgumentException for a non-positive segment bound or a null part */
  public ProveOptions {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be positive: maxSegments=" + maxSegments);
    }
    if (stark == null || inputMode == null) {
      throw new IllegalArgumentException("stark options and input mode are required");
    }
  }

  /** Segments of 2^16 rows, the default profile (conjectured-100), public input, at most 1024 segments. */
  public static ProveOptions standard() {
    return new ProveOptions(16, SecurityProfile.DEFAULT.options(), InputMode.PUBLIC, 1024);
  }

  /**
   * The run config for a program: these options with the program's RAM size.
   *
   * @throws IllegalArgumentException if the combination is outside what the engine supports (e.g. M > N/4)
   */
  public VmConfig config(ProgramImage image) {
    return VmConfig.of(logRows, image.logMemoryWords(), stark);
  }

  public ProveOptions withLogRows(int r) {
    return new ProveOptions(r, stark, inputMode, maxSegments);
  }

  public ProveOptions withStark(ProofOptions o) {
    return new ProveOptions(logRows, o, inputMode, maxSegments);
  }

  /** These options with a named profile's STARK options. */
  public ProveOptions withSecurity(SecurityProfile p) {
    return withStark(p.options());
  }

  public ProveOptions withInputMode(InputMode m) {
    return new ProveOptions(logRows, stark, m, maxSegments);
  }

  public ProveOptions withMaxSegments(int n) {
    return new ProveOptions(logRows, stark, inputMode, n);
  }
}

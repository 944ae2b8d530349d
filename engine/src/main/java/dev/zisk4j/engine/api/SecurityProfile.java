package dev.zisk4j.engine.api;

import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.stark.ProofOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named STARK option sets a user chooses by name ({@code zisk4j prove --security NAME}). The arithmetic
 * behind each figure is in {@code engine/README.md} ("Security").
 */
public enum SecurityProfile {
  /**
   * The default and the fast one: quadratic extension, blowup 8, 30 queries, 16 grinding bits. About 105
   * conjectured bits; about 58 proven (list decoding) at 2^16 rows.
   */
  CONJECTURED_100("conjectured-100", ProofOptions.DEFAULT, VerifyPolicy.DEFAULT),
  /**
   * At least 100 proven bits (list decoding up to the Johnson bound) at every segment size up to 2^20 rows:
   * the cubic extension F_p[X]/(X³ − 7) (a 192-bit field lifts the commit-phase and challenge terms the
   * quadratic field caps near 68 bits), blowup 8, 60 queries, 16 grinding bits. 104–105 proven, 128
   * conjectured (the hash's cap), 65 unique-decoding bits. Its policy demands 100 proven bits; the default
   * policy accepts its proofs too.
   */
  PROVEN_100("proven-100", new ProofOptions(3, 2, 60, 16, 3), VerifyPolicy.DEFAULT.withMinProvenBits(100));

  /** The profile used when none is named. */
  public static final SecurityProfile DEFAULT = CONJECTURED_100;

  private final String id;
  private final ProofOptions options;
  private final VerifyPolicy policy;

  SecurityProfile(String id, ProofOptions options, VerifyPolicy policy) {
    this.id = id;
    this.options = options;
    this.policy = policy;
  }

  /**
   * The verifier's policy that demands what this profile promises: {@code conjectured-100} is the
   * default policy, {@code proven-100} raises the proven minimum to 100 bits.
   */
  public VerifyPolicy policy() {
    return policy;
  }

  /** The name users type, e.g. {@code conjectured-100}. */
  public String id() {
    return id;
  }

  public ProofOptions options() {
    return options;
  }

  /**
   * The profile of this name.
   *
   * @throws IllegalArgumentException naming the known profiles
   */
  public static SecurityProfile of(String name) {
    for (SecurityProfile p : values()) {
      if (p.id.equals(name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown security profile: " + name + " (known: " + ids() + ")");
  }

  /** The known names, comma-separated. */
  public static String ids() {
    return Arrays.stream(values()).map(SecurityProfile::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}

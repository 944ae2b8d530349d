package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.stark.SecurityLevel;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link BundleVerifier#verify}: accepted (with the proven outputs), or the first
 * failed check and a detail naming the values. Once the bundle's config has been read, the verdict
 * also says what each AIR's proofs are worth ({@link #airs()}) and the bundle as a whole ({@link
 * #security()}, the weakest AIR), whether accepted or not.
 */
public record BundleVerdict(Optional<BundleError> error, String detail, long[] outputs, List<AirSecurity> airs) {
  public BundleVerdict {
    outputs = outputs.clone();
    airs = List.copyOf(airs);
  }

  static BundleVerdict accept(long[] outputs, List<AirSecurity> airs) {
    return new BundleVerdict(Optional.empty(), "accepted", outputs, airs);
  }

  static BundleVerdict reject(BundleError e, String detail) {
    return new BundleVerdict(Optional.of(e), detail, new long[0], List.of());
  }

  /** This verdict with the security figures of the bundle it is about. */
  BundleVerdict with(List<AirSecurity> a) {
    return new BundleVerdict(error, detail, outputs, a);
  }

  public boolean accepted() {
    return error.isEmpty();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }

  /** The bundle's security (its weakest AIR's), or empty if the verifier stopped before reading the config. */
  public Optional<SecurityLevel> security() {
    return airs.stream().map(AirSecurity::level).reduce(SecurityLevel::min);
  }

  @Override
  public String toString() {
    return error.map(e -> "rejected: " + e + ": " + detail).orElse("accepted")
        + security().map(s -> " [" + s + "]").orElse("");
  }
}

package dev.zisk4j.engine.segment;

import java.util.Optional;

/**
 * The outcome of {@link BundleVerifier#verify}: accepted (with the proven outputs), or the first
 * failed check and a detail naming the values.
 */
public record BundleVerdict(Optional<BundleError> error, String detail, long[] outputs) {
  public BundleVerdict {
    outputs = outputs.clone();
  }

  static BundleVerdict accept(long[] outputs) {
    return new BundleVerdict(Optional.empty(), "accepted", outputs);
  }

  static BundleVerdict reject(BundleError e, String detail) {
    return new BundleVerdict(Optional.of(e), detail, new long[0]);
  }

  public boolean accepted() {
    return error.isEmpty();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }

  @Override
  public String toString() {
    return error.map(e -> "rejected: " + e + ": " + detail).orElse("accepted");
  }
}

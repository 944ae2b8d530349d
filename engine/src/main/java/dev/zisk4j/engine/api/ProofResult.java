package dev.zisk4j.engine.api;

/**
 * A finished proof: the bundle bytes, the outputs it proves and the run's statistics.
 *
 * @param steps VM cycles executed
 * @param segments segments proven
 * @param provingNanos wall time from planning to the self-checked bundle
 */
public record ProofResult(byte[] bundle, long[] outputs, long steps, int segments, long provingNanos) {
  public ProofResult {
    bundle = bundle.clone();
    outputs = outputs.clone();
  }

  @Override
  public byte[] bundle() {
    return bundle.clone();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }
}

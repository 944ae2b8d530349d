package dev.zisk4j.engine.api;

import dev.zisk4j.engine.stark.SecurityLevel;

/**
 * A finished proof: the bundle bytes, the outputs it proves, the run's statistics and what the proof
 * is worth (as its verifier will compute it).
 *
 * @param steps VM cycles executed
 * @param segments segments proven
 * @param provingNanos wall time from planning to the self-checked bundle
 * @param security conjectured, proven (list decoding) and unique-decoding bits of the bundle
 */
public record ProofResult(byte[] bundle, long[] outputs, long steps, int segments, long provingNanos,
    SecurityLevel security) {
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

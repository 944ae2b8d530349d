package dev.zisk4j.sdk;

import java.time.Duration;

/**
 * What a prove job returns: the proof, the outputs it proves, and the run's statistics.
 *
 * @param steps VM cycles executed
 * @param segments segments proven
 * @param provingTime wall time from the first input word to the self-checked proof
 */
public record ProveResult(Proof proof, long[] outputs, long steps, int segments, Duration provingTime) {
  public ProveResult {
    outputs = outputs.clone();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }

  /** Size of the serialised proof in bytes. */
  public long proofBytes() {
    return proof.size();
  }
}

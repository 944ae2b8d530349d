package dev.zisk4j.sdk;

import dev.zisk4j.engine.segment.BundleError;
import dev.zisk4j.engine.stark.SecurityLevel;
import java.util.Optional;

/**
 * The verdict on a proof: valid with the outputs it proves, or the reason it was rejected; and what
 * the proof is worth in bits (conjectured and proven) once the verifier has read its options.
 *
 * @param error    empty when valid; otherwise the verifier's typed reason
 * @param reason   empty when valid; otherwise the typed reason and its detail, as text
 * @param security conjectured, proven (list decoding) and unique-decoding bits; empty for unreadable bytes
 */
public record VerifyResult(boolean valid, long[] outputs, Optional<BundleError> error, Optional<String> reason,
    Optional<SecurityLevel> security) {
  public VerifyResult {
    outputs = outputs.clone();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }
}

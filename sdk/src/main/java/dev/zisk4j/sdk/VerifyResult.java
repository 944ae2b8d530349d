package dev.zisk4j.sdk;

import java.util.Optional;

/**
 * The verdict on a proof: valid with the outputs it proves, or the reason it was rejected.
 *
 * @param reason empty when valid; otherwise the verifier's typed reason and detail
 */
public record VerifyResult(boolean valid, long[] outputs, Optional<String> reason) {
  public VerifyResult {
    outputs = outputs.clone();
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }
}

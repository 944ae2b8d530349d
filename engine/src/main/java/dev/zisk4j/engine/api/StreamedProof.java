package dev.zisk4j.engine.api;

/**
 * A proof made while its input was still arriving.
 *
 * @param result the bundle, outputs and statistics
 * @param inputBytes bytes of input received
 * @param publicInput the input bytes in public-input mode (the verifier needs them), null in private mode
 * @param nanosAfterInputEnd wall time from reading the end of input to the self-checked bundle
 */
public record StreamedProof(ProofResult result, long inputBytes, byte[] publicInput, long nanosAfterInputEnd) {
  public StreamedProof {
    publicInput = publicInput == null ? null : publicInput.clone();
  }

  @Override
  public byte[] publicInput() {
    return publicInput == null ? null : publicInput.clone();
  }
}

package dev.zisk4j.sdk;

import java.util.Objects;

/** A verify job: checks a proof against its program (and, in public mode, its input). */
public final class VerifyRequest extends JobRequest<VerifyResult, VerifyRequest> {
  /** The least conjectured security (bits) accepted by default. */
  public static final int DEFAULT_MIN_SECURITY_BITS = 100;

  private final EmbeddedProverClient client;
  private final Proof proof;
  private int minSecurityBits = DEFAULT_MIN_SECURITY_BITS;

  VerifyRequest(EmbeddedProverClient client, Proof proof) {
    this.client = client;
    this.proof = Objects.requireNonNull(proof, "proof");
  }

  /** Rejects proofs whose parameters give less conjectured security than this. */
  public VerifyRequest minSecurityBits(int bits) {
    if (bits < 0) {
      throw new IllegalArgumentException("minSecurityBits must not be negative: bits=" + bits);
    }
    this.minSecurityBits = bits;
    return this;
  }

  @Override
  public JobHandle<VerifyResult> run() {
    return client.submit(this);
  }

  Proof proof() {
    return proof;
  }

  int minSecurityBits() {
    return minSecurityBits;
  }
}

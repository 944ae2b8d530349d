package dev.zisk4j.sdk;

import dev.zisk4j.engine.segment.VerifyPolicy;
import java.util.Objects;

/**
 * A verify job: checks a proof against its program (with the program's RAM size) and its input in the
 * proof's declared mode ({@link Proof#inputMode()}, chosen when the proof was made or loaded, never
 * guessed), under a policy of accepted options ({@link VerifyPolicy#DEFAULT} unless set).
 */
public final class VerifyRequest extends JobRequest<VerifyResult, VerifyRequest> {
  private final JobSubmitter client;
  private final Proof proof;
  private VerifyPolicy policy = VerifyPolicy.DEFAULT;

  VerifyRequest(JobSubmitter client, Proof proof) {
    this.client = client;
    this.proof = Objects.requireNonNull(proof, "proof");
  }

  /** The options this verifier accepts (least conjectured and proven bits, global proof of work, segment size). */
  public VerifyRequest policy(VerifyPolicy p) {
    this.policy = Objects.requireNonNull(p, "policy");
    return this;
  }

  @Override
  public JobHandle<VerifyResult> run() {
    return client.submit(this);
  }

  Proof proof() {
    return proof;
  }

  VerifyPolicy policy() {
    return policy;
  }
}

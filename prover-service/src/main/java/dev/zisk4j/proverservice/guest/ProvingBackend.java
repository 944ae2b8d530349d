package dev.zisk4j.proverservice.guest;

import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.sdk.ExecuteResult;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.JobHandle;
import dev.zisk4j.sdk.Proof;
import dev.zisk4j.sdk.ProveResult;
import dev.zisk4j.sdk.ProverClient;
import dev.zisk4j.sdk.SetupResult;
import dev.zisk4j.sdk.VerifyResult;
import java.util.Objects;

/**
 * The service's proving backend: one guest program over a {@link ProverClient} (embedded by default,
 * a cluster through {@code ProverClient.remote}). The guest's input tape is given whole
 * ({@link GuestInput}); it reads it as public input. Thread-safe as the client is.
 */
public final class ProvingBackend implements AutoCloseable {
  private final ProverClient client;
  private final GuestProgram guest;
  private final VerifyPolicy policy;

  /**
   * @param client proves at its own options (a {@link SecurityProfile}'s, set when it was built)
   * @param policy what a proof must be worth to be accepted ({@link SecurityProfile#policy()})
   */
  public ProvingBackend(ProverClient client, GuestProgram guest, VerifyPolicy policy) {
    this.client = Objects.requireNonNull(client, "client");
    this.guest = Objects.requireNonNull(guest, "guest");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy {@link #verify} applies. */
  public VerifyPolicy policy() {
    return policy;
  }

  public GuestProgram guest() {
    return guest;
  }

  /** Computes the guest's verifying key (what "booting" waits for). */
  public JobHandle<SetupResult> setup() {
    return client.setup(guest).run();
  }

  /** Proves the guest on {@code tape}; the handle's cancel stops the work. */
  public JobHandle<ProveResult> prove(ZiskStdin tape) {
    return client.prove(guest, tape).run();
  }

  /** Runs the guest on {@code tape} without proving. */
  public JobHandle<ExecuteResult> execute(ZiskStdin tape) {
    return client.execute(guest, tape).run();
  }

  /** Verifies {@code proof} under this backend's policy (a proof below it is invalid, reason INSECURE_CONFIG). */
  public JobHandle<VerifyResult> verify(Proof proof) {
    return client.verify(proof).policy(policy).run();
  }

  /** Closes the client; running jobs are cancelled. */
  @Override
  public void close() {
    client.close();
  }
}

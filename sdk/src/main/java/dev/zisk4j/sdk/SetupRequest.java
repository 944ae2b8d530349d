package dev.zisk4j.sdk;

import dev.zisk4j.engine.api.ProveOptions;
import java.util.Objects;

/** A setup job: the program's verifying key under the proving options. */
public final class SetupRequest extends JobRequest<SetupResult, SetupRequest> {
  private final JobSubmitter client;
  private final GuestProgram program;
  private ProveOptions options;
  private boolean optionsSet;

  SetupRequest(JobSubmitter client, GuestProgram program, ProveOptions defaults) {
    this.client = client;
    this.program = Objects.requireNonNull(program, "program");
    this.options = defaults;
  }

  /** The proving options the key is for (embedded only: a remote coordinator uses its own). */
  public SetupRequest options(ProveOptions o) {
    this.options = Objects.requireNonNull(o, "options");
    this.optionsSet = true;
    return this;
  }

  @Override
  public JobHandle<SetupResult> run() {
    return client.submit(this);
  }

  GuestProgram program() {
    return program;
  }

  ProveOptions options() {
    return options;
  }

  boolean optionsSet() {
    return optionsSet;
  }
}

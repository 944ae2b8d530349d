package dev.zisk4j.sdk;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.io.InputSource;
import java.util.Objects;

/** A prove job being built: options, then {@link #run()}. */
public final class ProveRequest extends JobRequest<ProveResult, ProveRequest> {
  private final JobSubmitter client;
  private final GuestProgram program;
  private final InputSource input;
  private ProveOptions options;
  private boolean optionsSet;

  ProveRequest(JobSubmitter client, GuestProgram program, InputSource input, ProveOptions defaults) {
    this.client = client;
    this.program = Objects.requireNonNull(program, "program");
    this.input = Objects.requireNonNull(input, "input");
    this.options = defaults;
  }

  /** Replaces every proving option (segment size, RAM, STARK parameters, input mode, segment bound). */
  public ProveRequest options(ProveOptions o) {
    this.options = Objects.requireNonNull(o, "options");
    this.optionsSet = true;
    return this;
  }

  /** Segments of 2^logRows rows (9..22, at least 4× the program's RAM), keeping the other options. */
  public ProveRequest segmentRows(int logRows) {
    this.options = options.withLogRows(logRows);
    this.optionsSet = true;
    return this;
  }

  /** The STARK options of a named profile (default {@link SecurityProfile#DEFAULT}), keeping the other options. */
  public ProveRequest security(SecurityProfile profile) {
    this.options = options.withSecurity(Objects.requireNonNull(profile, "profile"));
    this.optionsSet = true;
    return this;
  }

  /** Private input: the verifier does not get the input (the guest must WRITE any commitment it needs). */
  public ProveRequest privateInput() {
    this.options = options.withInputMode(InputMode.PRIVATE);
    this.optionsSet = true;
    return this;
  }

  @Override
  public JobHandle<ProveResult> run() {
    return client.submit(this);
  }

  GuestProgram program() {
    return program;
  }

  InputSource input() {
    return input;
  }

  ProveOptions options() {
    return options;
  }

  /** Whether the caller changed any option (a remote coordinator proves with its own options only). */
  boolean optionsSet() {
    return optionsSet;
  }
}

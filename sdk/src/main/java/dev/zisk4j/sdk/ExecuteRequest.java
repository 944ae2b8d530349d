package dev.zisk4j.sdk;

import dev.zisk4j.io.InputSource;
import java.util.Objects;

/** An execute job being built: limits, then {@link #run()}. */
public final class ExecuteRequest extends JobRequest<ExecuteResult, ExecuteRequest> {
  private final JobSubmitter client;
  private final GuestProgram program;
  private final InputSource input;
  private long maxSteps = 1L << 40;
  private boolean maxStepsSet;

  /** The guest runs with its program's RAM size ({@code .memory}), as a proof would. */
  ExecuteRequest(JobSubmitter client, GuestProgram program, InputSource input) {
    this.client = client;
    this.program = Objects.requireNonNull(program, "program");
    this.input = Objects.requireNonNull(input, "input");
  }

  /** Fails the job if the guest has not halted after this many steps. */
  public ExecuteRequest maxSteps(long steps) {
    if (steps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive: maxSteps=" + steps);
    }
    this.maxSteps = steps;
    this.maxStepsSet = true;
    return this;
  }

  @Override
  public JobHandle<ExecuteResult> run() {
    return client.submit(this);
  }

  GuestProgram program() {
    return program;
  }

  InputSource input() {
    return input;
  }

  long maxSteps() {
    return maxSteps;
  }

  /** Whether the caller set a step limit (a remote coordinator applies its own segment bound only). */
  boolean maxStepsSet() {
    return maxStepsSet;
  }
}

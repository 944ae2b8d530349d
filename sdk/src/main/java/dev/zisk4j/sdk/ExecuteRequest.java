package dev.zisk4j.sdk;

import dev.zisk4j.io.InputSource;
import java.util.Objects;

/** An execute job being built: limits, then {@link #run()}. */
public final class ExecuteRequest extends JobRequest<ExecuteResult, ExecuteRequest> {
  private final EmbeddedProverClient client;
  private final GuestProgram program;
  private final InputSource input;
  private long maxSteps = 1L << 40;

  /** The guest runs with its program's RAM size ({@code .memory}), as a proof would. */
  ExecuteRequest(EmbeddedProverClient client, GuestProgram program, InputSource input) {
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
}

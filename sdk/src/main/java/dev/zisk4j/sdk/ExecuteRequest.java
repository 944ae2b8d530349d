package dev.zisk4j.sdk;

import dev.zisk4j.io.InputSource;
import java.util.Objects;

/** An execute job being built: limits, then {@link #run()}. */
public final class ExecuteRequest extends JobRequest<ExecuteResult, ExecuteRequest> {
  private final EmbeddedProverClient client;
  private final GuestProgram program;
  private final InputSource input;
  private long maxSteps = 1L << 40;
  private int memoryWords;

  ExecuteRequest(EmbeddedProverClient client, GuestProgram program, InputSource input, int memoryWords) {
    this.client = client;
    this.program = Objects.requireNonNull(program, "program");
    this.input = Objects.requireNonNull(input, "input");
    this.memoryWords = memoryWords;
  }

  /** Fails the job if the guest has not halted after this many steps. */
  public ExecuteRequest maxSteps(long steps) {
    if (steps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive: maxSteps=" + steps);
    }
    this.maxSteps = steps;
    return this;
  }

  /** RAM size in words (the prove default's M unless set). */
  public ExecuteRequest memoryWords(int words) {
    if (words <= 0) {
      throw new IllegalArgumentException("memoryWords must be positive: memoryWords=" + words);
    }
    this.memoryWords = words;
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

  int memoryWords() {
    return memoryWords;
  }
}

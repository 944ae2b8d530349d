package dev.zisk4j.sdk;

/**
 * What happens to a job, in order: one {@link Started}, any number of {@link Progress}, then exactly one
 * of {@link Completed} or {@link Failed} (a cancelled job ends with {@code Failed("Cancelled")}, as in ZisK).
 */
public sealed interface JobEvent {

  /** The kind of an event, for filtering listeners; {@link #ALL} matches every kind. */
  enum Kind { ALL, STARTED, PROGRESS, COMPLETED, FAILED }

  Kind kind();

  /** The job began running (it may have waited in a queue before). */
  record Started() implements JobEvent {
    @Override public Kind kind() { return Kind.STARTED; }
  }

  /**
   * Progress through the job: {@code percent} in [0, 100], never decreasing within a job; {@code phase}
   * names the current step (e.g. "execute", "commit segment 3/8", "prove", "aggregate").
   */
  record Progress(int percent, String phase) implements JobEvent {
    public Progress {
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("percent out of range: percent=" + percent);
      }
    }

    @Override public Kind kind() { return Kind.PROGRESS; }
  }

  /** The job produced its result. */
  record Completed() implements JobEvent {
    @Override public Kind kind() { return Kind.COMPLETED; }
  }

  /** The job ended without a result; {@code reason} is "Cancelled" for a cancelled job. */
  record Failed(String reason) implements JobEvent {
    @Override public Kind kind() { return Kind.FAILED; }
  }
}

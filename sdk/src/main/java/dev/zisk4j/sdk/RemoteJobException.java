package dev.zisk4j.sdk;

import java.util.Optional;

/**
 * A remote job that the coordinator refused or that ended without a result (other than a cancel,
 * which is a {@link java.util.concurrent.CancellationException}, and a deadline, which is a
 * {@link java.util.concurrent.TimeoutException}, as with the embedded client).
 *
 * @see Reason
 */
public final class RemoteJobException extends RuntimeException {
  /** Why, in the client API's terms (spec zisk.md §3.2: call statuses and {@code JobFailure}). */
  public enum Reason {
    /** The coordinator refused the call (e.g. PROGRAM_NOT_FOUND, CLUSTER_UNAVAILABLE); see {@link #apiCode()}. */
    REJECTED,
    /** The coordinator could not be reached, or stopped answering. */
    UNREACHABLE,
    /** The job's input was refused (framing, size, a broken push). */
    INPUT,
    /** The guest faulted, or a task failed all its attempts. */
    EXECUTION,
    /** A coordinator bug; the message carries its trace id. */
    INTERNAL
  }

  private final Reason reason;
  private final int apiCode;
  private final String jobId;

  RemoteJobException(Reason reason, int apiCode, String jobId, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.apiCode = apiCode;
    this.jobId = jobId;
  }

  public Reason reason() {
    return reason;
  }

  /** The numeric {@code ApiError} code (1001–3001) the coordinator attached, or 0. */
  public int apiCode() {
    return apiCode;
  }

  /** The job, when the coordinator had accepted it. */
  public Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }
}

package dev.zisk4j.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every request shares: a timeout and event listeners registered before the job starts (so
 * not even {@code Started} can be missed). {@code run()} submits the job. Not thread-safe; a request is
 * built and run by one thread.
 */
public abstract sealed class JobRequest<T, SELF extends JobRequest<T, SELF>>
    permits ProveRequest, ExecuteRequest, SetupRequest, VerifyRequest {
  private Duration timeout = Duration.ZERO;
  private final List<Listener> listeners = new ArrayList<>();

  record Listener(JobEvent.Kind kind, Consumer<? super JobEvent> callback) {}

  /** Fails the job with a {@code TimeoutException} after {@code d}; zero means none (the default). */
  public SELF timeout(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: timeout=" + d);
    }
    this.timeout = d;
    return self();
  }

  /** Calls {@code callback} for every event of {@code kind} ({@link JobEvent.Kind#ALL} for all). */
  public SELF on(JobEvent.Kind kind, Consumer<? super JobEvent> callback) {
    listeners.add(new Listener(Objects.requireNonNull(kind), Objects.requireNonNull(callback)));
    return self();
  }

  /** Submits the job; returns at once. */
  public abstract JobHandle<T> run();

  Duration timeout() {
    return timeout;
  }

  List<Listener> listeners() {
    return listeners;
  }

  @SuppressWarnings("unchecked")
  private SELF self() {
    return (SELF) this;
  }
}

package dev.zisk4j.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A running job: a {@link CompletableFuture} of its result, plus events, statistics and a cancel that
 * really stops the work.
 *
 * <p><b>Events.</b> {@link #on} registers a listener for one kind of event (or {@link JobEvent.Kind#ALL});
 * events that happened before registration are replayed to it first, so a listener added late misses
 * nothing. Listeners run on the job's thread, one event at a time and in order; they must not block.
 *
 * <p><b>Input.</b> Waiting for the result ({@link #get()}, {@link #join()}) first finishes the attached
 * input stream, if any, so that the prover sees the end of input (ZisK does the same on await).
 *
 * <p><b>Cancel.</b> {@link #cancel()} asks the work to stop (its thread is interrupted and the engine
 * checks the flag between steps), completes this future with a {@link CancellationException} at once,
 * and emits {@code Failed("Cancelled")}. Thread-safe.
 */
public final class JobHandle<T> extends CompletableFuture<T> {
  private final Object eventLock = new Object();
  // guarded by eventLock
  private final List<JobEvent> history = new ArrayList<>();
  // guarded by eventLock
  private final List<Registration> listeners = new ArrayList<>();
  // guarded by eventLock
  private int lastPercent = -1;

  // Held while a terminal event is emitted and the future completed, so that when get() returns the
  // terminal event is already in the history, and a cancel cannot race a completion.
  private final Object terminalLock = new Object();
  private final AtomicBoolean inputFinished = new AtomicBoolean();
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private volatile JobStats stats = JobStats.EMPTY;
  private volatile Runnable inputFinisher = () -> {};
  private volatile Runnable stopper = () -> {};
  private volatile String jobId;

  private record Registration(JobEvent.Kind kind, Consumer<? super JobEvent> listener) {}

  /** Registers {@code listener} for events of {@code kind}; past events of that kind are replayed first. */
  public JobHandle<T> on(JobEvent.Kind kind, Consumer<? super JobEvent> listener) {
    synchronized (eventLock) {
      Registration r = new Registration(kind, listener);
      for (JobEvent e : history) {
        deliver(r, e);
      }
      listeners.add(r);
    }
    return this;
  }

  /** All events so far, in order. */
  public List<JobEvent> events() {
    synchronized (eventLock) {
      return List.copyOf(history);
    }
  }

  /** The job's statistics so far; final once the future is done. */
  public JobStats stats() {
    return stats;
  }

  /**
   * The coordinator's job id: empty for embedded jobs (as in ZisK), and for a remote job until the
   * coordinator has accepted it.
   */
  public Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }

  /** Stops the job; returns false if it had already ended. */
  public boolean cancel() {
    return cancel(true);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    synchronized (terminalLock) {
      if (isDone() || !cancelRequested.compareAndSet(false, true)) {
        return false;
      }
      emit(new JobEvent.Failed("Cancelled"));
      super.cancel(mayInterruptIfRunning);
    }
    stopper.run();
    return true;
  }

  /** True once {@link #cancel()} was called, even before the work noticed. */
  public boolean isCancelRequested() {
    return cancelRequested.get();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    finishInput();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    finishInput();
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    finishInput();
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    // Dependent stages are plain futures: cancelling one of them must not cancel the job.
    return new CompletableFuture<>();
  }

  // ---- called by the job runner -------------------------------------------------------------

  void attachJobId(String id) {
    this.jobId = id;
  }

  void attachInputFinisher(Runnable finisher) {
    this.inputFinisher = finisher;
  }

  /** Adds an action run when the work must stop; runs it at once if that was already asked. */
  void addStopAction(Runnable action) {
    synchronized (terminalLock) {
      Runnable previous = this.stopper;
      this.stopper = () -> {
        previous.run();
        action.run();
      };
      if (!cancelRequested.get() && !isDone()) {
        return;
      }
    }
    if (cancelRequested.get()) {
      action.run();
    }
  }

  /** Completes with {@code result} and emits Completed, unless the job already ended. */
  boolean succeed(T result) {
    synchronized (terminalLock) {
      if (isDone()) {
        return false;
      }
      emit(new JobEvent.Completed());
      return super.complete(result);
    }
  }

  /** Fails with {@code error} and emits {@code Failed(reason)}, unless the job already ended. */
  boolean fail(Throwable error, String reason) {
    synchronized (terminalLock) {
      if (isDone()) {
        return false;
      }
      emit(new JobEvent.Failed(reason));
      return super.completeExceptionally(error);
    }
  }

  /** Completing from outside (rare) ends the job like the work would: the work is stopped. */
  @Override
  public boolean complete(T value) {
    boolean done = succeed(value);
    if (done) {
      stopper.run();
    }
    return done;
  }

  /** Failing from outside (e.g. {@link #orTimeout}) stops the work and emits {@code Failed}. */
  @Override
  public boolean completeExceptionally(Throwable ex) {
    boolean done = fail(ex, ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
    if (done) {
      stopper.run();
    }
    return done;
  }

  void updateStats(JobStats newStats) {
    this.stats = newStats;
  }

  /** Records and delivers one event; progress that would go backwards is dropped. */
  void emit(JobEvent event) {
    synchronized (eventLock) {
      if (!history.isEmpty() && isTerminal(history.getLast())) {
        return;
      }
      if (event instanceof JobEvent.Progress p) {
        if (p.percent() < lastPercent) {
          return;
        }
        lastPercent = p.percent();
      }
      history.add(event);
      for (Registration r : listeners) {
        deliver(r, event);
      }
    }
  }

  private void finishInput() {
    if (inputFinished.compareAndSet(false, true)) {
      inputFinisher.run();
    }
  }

  private static boolean isTerminal(JobEvent e) {
    return e instanceof JobEvent.Completed || e instanceof JobEvent.Failed;
  }

  private static void deliver(Registration r, JobEvent e) {
    if (r.kind() == JobEvent.Kind.ALL || r.kind() == e.kind()) {
      r.listener().accept(e);
    }
  }
}

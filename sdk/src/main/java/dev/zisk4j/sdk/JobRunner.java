package dev.zisk4j.sdk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs job bodies on their own threads and ties each to its {@link JobHandle}: events, statistics,
 * cancellation (interrupt + flag) and an optional timeout. One runner per client.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** A job's work. It may throw; a {@link CancellationException} means it noticed a cancel. */
  @FunctionalInterface
  interface Body<T> {
    T run(JobContext ctx) throws Exception;
  }

  private final ThreadFactory threads;
  private final ScheduledExecutorService timer;

  JobRunner(ThreadFactory threads, ScheduledExecutorService timer) {
    this.threads = threads;
    this.timer = timer;
  }

  /**
   * Starts {@code body} on a new thread and returns its handle at once.
   *
   * @param timeout zero or negative for none; on expiry the job fails with a {@link TimeoutException}
   * @param inputFinisher run when the caller first waits for the result (finishes a live input stream)
   */
  <T> JobHandle<T> start(String name, Duration timeout, Runnable inputFinisher, Body<T> body) {
    return start(name, timeout, List.of(), inputFinisher, body);
  }

  /** As above, registering {@code listeners} before the job can emit anything. */
  <T> JobHandle<T> start(String name, Duration timeout, List<JobRequest.Listener> listeners, Runnable inputFinisher,
      Body<T> body) {
    JobHandle<T> handle = new JobHandle<>();
    for (JobRequest.Listener l : listeners) {
      handle.on(l.kind(), l.callback());
    }
    handle.attachInputFinisher(inputFinisher);
    JobContext ctx = new JobContext(handle);
    Thread worker = threads.newThread(() -> runBody(name, handle, ctx, body));
    worker.setName("zisk4j-job-" + name);
    handle.addStopAction(worker::interrupt);
    // Started before the timer exists: an interrupt sent to a thread not yet started is lost, and a
    // short timeout on a loaded machine could otherwise fire first and leave the body running.
    worker.start();
    if (timeout != null && timeout.isPositive()) {
      ScheduledFuture<?> expiry = timer.schedule(() -> {
        if (!handle.isDone()) {
          if (handle.fail(new TimeoutException("job " + name + " timed out after " + timeout), "Timeout after " + timeout)) {
            worker.interrupt();
          }
        }
      }, timeout.toNanos(), TimeUnit.NANOSECONDS);
      handle.whenComplete((r, e) -> expiry.cancel(false));
    }
    return handle;
  }

  private static <T> void runBody(String name, JobHandle<T> handle, JobContext ctx, JobRunner.Body<T> body) {
    handle.emit(new JobEvent.Started());
    try {
      ctx.throwIfCancelled();
      T result = body.run(ctx);
      ctx.throwIfCancelled();
      handle.succeed(result);
    } catch (CancellationException | InterruptedException e) {
      if (!handle.isDone()) {
        handle.cancel();
      }
    } catch (Throwable e) {
      if (handle.isCancelRequested() || handle.isDone()) {
        // Work interrupted by a cancel often surfaces as an I/O or interrupted error: it is a cancel.
        return;
      }
      log.debug("job {} failed", name, e);
      handle.fail(e, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}

package dev.zisk4j.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final JobRunner runner = new JobRunner(Thread.ofPlatform().daemon().factory(), timer);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void eventsArriveInOrderAndLateListenersGetThemReplayed() throws Exception {
    JobHandle<String> job = runner.start("ok", Duration.ZERO, () -> {}, ctx -> {
      ctx.progress(10, "execute");
      ctx.progress(5, "backwards is ignored");
      ctx.progress(90, "prove");
      ctx.stats(new JobStats(42, 1, Duration.ZERO, Duration.ZERO, 7));
      return "done";
    });
    assertThat(job.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    List<JobEvent> seen = new CopyOnWriteArrayList<>();
    job.on(JobEvent.Kind.ALL, seen::add);
    assertThat(seen).containsExactly(new JobEvent.Started(), new JobEvent.Progress(10, "execute"),
        new JobEvent.Progress(90, "prove"), new JobEvent.Completed());
    List<JobEvent> progressOnly = new CopyOnWriteArrayList<>();
    job.on(JobEvent.Kind.PROGRESS, progressOnly::add);
    assertThat(progressOnly).hasSize(2);
    assertThat(job.stats().steps()).isEqualTo(42);
    assertThat(job.jobId()).isEmpty();
  }

  @Test
  void cancelStopsTheWorkingThreadAndReportsCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch workerEnded = new CountDownLatch(1);
    JobHandle<String> job = runner.start("blocked", Duration.ZERO, () -> {}, ctx -> {
      try {
        started.countDown();
        new CountDownLatch(1).await(); // blocks until interrupted
        return "never";
      } finally {
        workerEnded.countDown();
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(job.cancel()).isTrue();
    assertThat(job.cancel()).as("second cancel").isFalse();
    assertThat(workerEnded.await(10, TimeUnit.SECONDS)).as("worker thread ended").isTrue();
    assertThatThrownBy(job::get).isInstanceOf(CancellationException.class);
    assertThat(job.events()).last().isEqualTo(new JobEvent.Failed("Cancelled"));
  }

  @Test
  void cooperativeCancelIsSeenByThrowIfCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger loops = new AtomicInteger();
    JobHandle<Integer> job = runner.start("spin", Duration.ZERO, () -> {}, ctx -> {
      started.countDown();
      while (true) {
        ctx.throwIfCancelled();
        loops.incrementAndGet();
        Thread.onSpinWait();
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    job.cancel();
    assertThat(job.isCancelled()).isTrue();
    assertThat(job.events()).filteredOn(e -> e instanceof JobEvent.Failed).hasSize(1);
  }

  @Test
  void failureCarriesTheReason() {
    JobHandle<String> job = runner.start("bad", Duration.ZERO, () -> {}, ctx -> {
      throw new IllegalStateException("guest faulted at pc=7");
    });
    assertThatThrownBy(() -> job.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("guest faulted at pc=7");
    assertThat(job.events()).last().isEqualTo(new JobEvent.Failed("guest faulted at pc=7"));
  }

  @Test
  void timeoutFailsTheJobAndInterruptsIt() throws Exception {
    CountDownLatch workerEnded = new CountDownLatch(1);
    JobHandle<String> job = runner.start("slow", Duration.ofMillis(50), () -> {}, ctx -> {
      try {
        new CountDownLatch(1).await();
        return "never";
      } finally {
        workerEnded.countDown();
      }
    });
    assertThatThrownBy(() -> job.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
    assertThat(workerEnded.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(job.events()).last().isInstanceOf(JobEvent.Failed.class);
  }

  @Test
  void aTimeoutThatExpiresAtOnceStillStopsTheWorker() throws Exception {
    // A 1 ns timeout fires while the worker may not have started: its thread must still end (the
    // body may never run, which is fine; a body left waiting forever is not).
    List<Thread> started = new CopyOnWriteArrayList<>();
    ThreadFactory platform = Thread.ofPlatform().daemon().factory();
    JobRunner recording = new JobRunner(r -> {
      Thread t = platform.newThread(r);
      started.add(t);
      return t;
    }, timer);
    for (int i = 0; i < 200; i++) {
      JobHandle<String> job = recording.start("instant-" + i, Duration.ofNanos(1), () -> {}, ctx -> {
        new CountDownLatch(1).await();
        return "never";
      });
      assertThatThrownBy(() -> job.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
      Thread worker = started.get(i);
      worker.join(10_000);
      assertThat(worker.isAlive()).as("worker of job %d still running", i).isFalse();
    }
  }

  @Test
  void waitingForTheResultFinishesTheInputOnce() throws Exception {
    AtomicInteger finished = new AtomicInteger();
    CountDownLatch inputEnded = new CountDownLatch(1);
    JobHandle<String> job = runner.start("stream", Duration.ZERO, () -> {
      finished.incrementAndGet();
      inputEnded.countDown();
    }, ctx -> {
      // The body waits for end of input, as a prover reading a live stream does.
      inputEnded.await();
      return "read all";
    });
    assertThat(job.get(10, TimeUnit.SECONDS)).isEqualTo("read all");
    assertThat(job.join()).isEqualTo("read all");
    assertThat(finished).hasValue(1);
  }

  @Test
  void orTimeoutFromTheCallerStopsTheWork() throws Exception {
    CountDownLatch workerEnded = new CountDownLatch(1);
    JobHandle<String> job = runner.start("caller-timeout", Duration.ZERO, () -> {}, ctx -> {
      try {
        new CountDownLatch(1).await();
        return "never";
      } finally {
        workerEnded.countDown();
      }
    });
    job.orTimeout(50, TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> job.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
    assertThat(workerEnded.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(job.events()).last().isInstanceOf(JobEvent.Failed.class);
  }
}

package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.cluster.store.JobKind;
import dev.zisk4j.cluster.store.JobState;
import dev.zisk4j.proto.distributed.v1.TaskType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The coordinator's meters (cluster.md §6): ZisK's names and labels (zisk.md §3.11), so existing
 * dashboards work, plus ours. The {@link Dispatcher} calls the event methods from its thread; the
 * gauges read a {@link Snapshot} the dispatcher computes on demand, at most once per
 * {@link #SNAPSHOT_TTL} and never waiting more than {@link #SNAPSHOT_WAIT} (a stale snapshot is
 * served if the dispatcher is busy), so a scrape never races the dispatcher's state.
 *
 * <p>One deviation: ZisK's {@code coordinator_registered_programs_total} is a gauge, but the
 * Prometheus client reserves the {@code _total} suffix for counters; programs are never
 * unregistered, so it is exported as a counter under the exact name.
 */
public final class CoordinatorMetrics {
  static final Duration SNAPSHOT_TTL = Duration.ofMillis(250);
  static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(1);
  /** Worker states exported as {@code coordinator_workers{state}}; anything else counts as "other". */
  static final List<String> WORKER_STATES = List.of("idle", "ready", "full", "draining", "disconnected",
      "quarantined", "other");

  private final MeterRegistry registry;
  private final Timer dispatchLatency;
  private Supplier<CompletableFuture<Snapshot>> source;
  private volatile Snapshot last = Snapshot.EMPTY;
  private volatile long lastNanos;

  /**
   * Counts of the dispatcher's state at one instant (dispatcher thread).
   *
   * @param jobs jobs by state, every job the coordinator still holds
   * @param tasks tasks of running jobs by type and status ("prove/ready")
   * @param workers connected workers by lower-case state
   */
  record Snapshot(Map<JobState, Integer> jobs, Map<String, Integer> tasks, Map<String, Integer> workers,
      int workersConnected, int activeJobs, int queuedJobs, int freeUnits) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), 0, 0, 0, 0);
  }

  CoordinatorMetrics(MeterRegistry registry, Programs programs) {
    this.registry = registry;
    gauge("coordinator.active.jobs", "Jobs running (admitted and not finished)", s -> s.activeJobs());
    gauge("coordinator.workers.connected", "Workers with an open ProverStream", s -> s.workersConnected());
    FunctionCounter.builder("coordinator.registered.programs", programs, Programs::size)
        .description("Guest programs registered (never unregistered)").register(registry);
    gauge("coordinator.queued.jobs", "Jobs waiting for admission", s -> s.queuedJobs());
    gauge("coordinator.free.compute.units", "Compute units of connected workers not running a task",
        s -> s.freeUnits());
    for (JobState state : JobState.values()) {
      Gauge.builder("coordinator.jobs.in.state", this, m -> m.snapshot().jobs().getOrDefault(state, 0))
          .description("Jobs held by the coordinator, by state").tag("state", lower(state.name())).register(registry);
    }
    for (TaskType type : List.of(TaskType.PARTIAL_CONTRIBUTION, TaskType.PROVE)) {
      for (Task.Status status : Task.Status.values()) {
        String key = taskKey(type, status);
        Gauge.builder("coordinator.tasks.in.state", this, m -> m.snapshot().tasks().getOrDefault(key, 0))
            .description("Tasks of running jobs, by type and status").tag("type", lower(type.name()))
            .tag("status", lower(status.name())).register(registry);
      }
    }
    for (String state : WORKER_STATES) {
      Gauge.builder("coordinator.workers", this, m -> m.snapshot().workers().getOrDefault(state, 0))
          .description("Connected workers by state").tag("state", state).register(registry);
    }
    dispatchLatency = Timer.builder("coordinator.dispatch.latency")
        .description("From the event that made a task dispatchable (READY with a free slot) to its ExecuteTask send")
        .serviceLevelObjectives(ms(0.1), ms(0.5), ms(1), ms(2), ms(5), ms(10), ms(25), ms(100), ms(1000))
        .register(registry);
  }

  /** Where snapshots come from: a call onto the dispatcher thread (set once the dispatcher exists). */
  void source(Supplier<CompletableFuture<Snapshot>> source) {
    this.source = source;
  }

  private static Duration ms(double millis) {
    return Duration.ofNanos((long) (millis * 1_000_000));
  }

  private void gauge(String name, String description, ToDoubleFunction<Snapshot> f) {
    Gauge.builder(name, this, m -> f.applyAsDouble(m.snapshot())).description(description).register(registry);
  }

  /** The latest snapshot, refreshed from the dispatcher when older than the TTL. */
  Snapshot snapshot() {
    Supplier<CompletableFuture<Snapshot>> s = source;
    if (s == null || System.nanoTime() - lastNanos < SNAPSHOT_TTL.toNanos()) {
      return last;
    }
    synchronized (this) {
      if (System.nanoTime() - lastNanos >= SNAPSHOT_TTL.toNanos()) {
        try {
          last = s.get().get(SNAPSHOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception busyOrStopped) {
          // the dispatcher is busy or stopping: serve the last snapshot rather than block a scrape
        }
        lastNanos = System.nanoTime();
      }
      return last;
    }
  }

  static String taskKey(TaskType type, Task.Status status) {
    return lower(type.name()) + "/" + lower(status.name());
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Builds a snapshot from the dispatcher's state (dispatcher thread). */
  static Snapshot snapshotOf(Iterable<Job> jobs, Iterable<Job> active, Iterable<WorkerSession> workers,
      int queued) {
    Map<JobState, Integer> byState = new EnumMap<>(JobState.class);
    for (Job j : jobs) {
      byState.merge(j.state, 1, Integer::sum);
    }
    Map<String, Integer> tasks = new HashMap<>();
    int activeJobs = 0;
    for (Job j : active) {
      activeJobs++;
      for (Task[] ts : new Task[][] {j.contributions, j.proves}) {
        if (ts != null) {
          for (Task t : ts) {
            tasks.merge(taskKey(t.type, t.status), 1, Integer::sum);
          }
        }
      }
    }
    Map<String, Integer> byWorker = new HashMap<>();
    int connected = 0;
    int free = 0;
    for (WorkerSession w : workers) {
      String state = lower(w.state());
      byWorker.merge(WORKER_STATES.contains(state) ? state : "other", 1, Integer::sum);
      if (!"disconnected".equals(state)) { // a session kept through its reconnect grace has no stream
        connected++;
        free += Math.max(0, w.free());
      }
    }
    return new Snapshot(byState, tasks, byWorker, connected, activeJobs, queued, free);
  }

  // ---- events (dispatcher thread)

  /** A task's ExecuteTask went out {@code nanos} after the event that made it dispatchable. */
  void dispatched(long nanos) {
    dispatchLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A job reached a terminal state: {@code coordinator_jobs_total{kind,outcome}},
   * {@code coordinator_job_duration_seconds{outcome}} (from the start of CONTRIBUTIONS, as ZisK; a
   * job that never started is not timed) and {@code coordinator_worker_jobs_total{worker_id,outcome}}
   * for every worker that took part.
   */
  void jobFinished(JobKind kind, JobState state, Duration sinceStart, Iterable<String> workerIds) {
    String outcome = switch (state) {
      case COMPLETED -> "success";
      case CANCELLED -> "cancelled";
      default -> "failure";
    };
    Counter.builder("coordinator.jobs").description("Jobs finished, by kind and outcome")
        .tag("kind", lower(kind.name())).tag("outcome", outcome).register(registry).increment();
    if (sinceStart != null) {
      Timer.builder("coordinator.job.duration").description("From the start of CONTRIBUTIONS to the terminal state")
          .tag("outcome", outcome)
          .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
              Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(300))
          .register(registry).record(sinceStart);
    }
    for (String w : workerIds) {
      Counter.builder("coordinator.worker.jobs").description("Jobs finished that a worker took part in, by outcome")
          .tag("worker_id", w).tag("outcome", outcome).register(registry).increment();
    }
  }

  /**
   * A task attempt ended: {@code coordinator_task_attempts_total{type,outcome}}, outcome one of
   * done, failed, lost, rejected (a result refused as invalid) or busy (WORKER_BUSY, not a failure).
   */
  void attemptEnded(TaskType type, String outcome) {
    Counter.builder("coordinator.task.attempts").description("Task attempts that ended, by type and outcome")
        .tag("type", lower(type.name())).tag("outcome", outcome).register(registry).increment();
  }

  /** A returned segment proof was checked: {@code coordinator_proofs_total{outcome=verified|rejected}}. */
  void proofChecked(boolean verified) {
    Counter.builder("coordinator.proofs").description("Segment proofs returned by workers, verified or rejected")
        .tag("outcome", verified ? "verified" : "rejected").register(registry).increment();
  }

  /** A job's aggregated bundle was checked: {@code coordinator_bundles_total{outcome=verified|rejected}}. */
  void bundleChecked(boolean verified) {
    Counter.builder("coordinator.bundles").description("Aggregated job bundles checked before completion")
        .tag("outcome", verified ? "verified" : "rejected").register(registry).increment();
  }
}

package dev.zisk4j.cluster.coordinator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.zisk4j.cluster.api.EngineCodec;
import dev.zisk4j.cluster.api.MalformedMessageException;
import dev.zisk4j.cluster.log.LogContext;
import dev.zisk4j.cluster.store.AttemptRecord;
import dev.zisk4j.cluster.store.JobKind;
import dev.zisk4j.cluster.store.JobPhase;
import dev.zisk4j.cluster.store.JobRecord;
import dev.zisk4j.cluster.store.JobRecord.Failure;
import dev.zisk4j.cluster.store.JobState;
import dev.zisk4j.cluster.store.JobStore;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.Aggregator;
import dev.zisk4j.engine.segment.Bundle;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.Checkpoint;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.GlobalChallenges;
import dev.zisk4j.engine.segment.Plan;
import dev.zisk4j.engine.segment.Planner;
import dev.zisk4j.engine.segment.SegPublic;
import dev.zisk4j.engine.segment.SegmentCommitment;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.Statement;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.segment.VerifyingKeys;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.proto.coordinator.v1.JobEventCancelled;
import dev.zisk4j.proto.coordinator.v1.JobEventCompleted;
import dev.zisk4j.proto.coordinator.v1.JobEventFailed;
import dev.zisk4j.proto.coordinator.v1.JobEventProgress;
import dev.zisk4j.proto.coordinator.v1.JobEventQueued;
import dev.zisk4j.proto.coordinator.v1.JobEventStarted;
import dev.zisk4j.proto.coordinator.v1.JobEventWaitingForInput;
import dev.zisk4j.proto.distributed.v1.ContributionParams;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskRequest;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskResponse;
import dev.zisk4j.proto.distributed.v1.Heartbeat;
import dev.zisk4j.proto.distributed.v1.JobCancelled;
import dev.zisk4j.proto.distributed.v1.ProveParams;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ProverReconnectRequest;
import dev.zisk4j.proto.distributed.v1.ProverRegisterRequest;
import dev.zisk4j.proto.distributed.v1.ProverRegisterResponse;
import dev.zisk4j.proto.distributed.v1.ReconnectionAction;
import dev.zisk4j.proto.distributed.v1.ReconnectionDirective;
import dev.zisk4j.proto.distributed.v1.SetupProgram;
import dev.zisk4j.proto.distributed.v1.Shutdown;
import dev.zisk4j.proto.distributed.v1.TaskDirective;
import dev.zisk4j.proto.distributed.v1.TaskRef;
import dev.zisk4j.proto.distributed.v1.TaskResultAck;
import dev.zisk4j.proto.distributed.v1.TaskType;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler (cluster.md §2): one platform thread owns the worker registry, the jobs, their tasks
 * and the slots; everything else posts events to its inbox. Its only I/O is stream {@code onNext};
 * planning, challenge grinding and aggregation run on helper threads that post their results back.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  /** The largest segment proof a result may carry (the JZKS of N = 2^22 is far below). */
  static final int MAX_PROOF_BYTES = 16 << 20;
  /** Why a prove job of a program using POSEIDON fails: what the cluster is missing for it. */
  static final String POSEIDON_REFUSED = "the cluster cannot prove a program that uses POSEIDON yet: the distributed"
      + " API has no Poseidon instance tasks (engine InstancePlan and PoseidonInstanceProver contribute/prove) and the"
      + " coordinator's aggregator binds no instance commitments; prove it with the embedded prover (zisk4j prove)";

  private final CoordinatorConfig config;
  private final JobStore store;
  private final Workers engine;
  private final VerifyingKeys keys;
  private final BundleVerifier verifier;
  private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final ExecutorService helpers;
  /** Per-segment proof verification (design §2.1 {@code verifier} pool), apart from planning and aggregation. */
  private final ExecutorService verifiers;
  private final ScheduledExecutorService ticker;
  private volatile boolean running = true;
  private final AtomicLong heartbeatSeq = new AtomicLong();
  private final CoordinatorMetrics metrics;
  /** When the event being handled started (dispatcher thread): dispatch latency is measured from it. */
  private long eventStartNanos;

  // ---- dispatcher-thread state
  private final Map<String, WorkerSession> workers = new LinkedHashMap<>();
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  /** Running jobs in admission order (assignment prefers the oldest). */
  private final List<Job> active = new ArrayList<>();
  /** Proofs that failed verification, per prover id (survives reconnects). */
  private final Map<String, Integer> badResults = new HashMap<>();
  /** Quarantined prover ids and when (nanoTime) their quarantine ends. */
  private final Map<String, Long> quarantinedUntil = new HashMap<>();

  public Dispatcher(CoordinatorConfig config, JobStore store) {
    this(config, store, new CoordinatorMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
        new Programs()));
  }

  /** A dispatcher reporting to {@code metrics} (its gauges then read this dispatcher's state). */
  Dispatcher(CoordinatorConfig config, JobStore store, CoordinatorMetrics metrics) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    metrics.source(() -> call(this::metricsSnapshot));
    this.engine = Workers.of(config.verifierThreads());
    this.keys = new VerifyingKeys(engine);
    this.verifier = new BundleVerifier(keys);
    this.helpers = Executors.newFixedThreadPool(Math.max(2, config.verifierThreads()), r -> {
      Thread t = new Thread(r, "coordinator-helper");
      t.setDaemon(true);
      return t;
    });
    this.verifiers = Executors.newFixedThreadPool(config.verifierThreads(), r -> {
      Thread t = new Thread(r, "coordinator-verifier");
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::loop, "dispatcher");
    this.thread.setDaemon(true);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heartbeat");
      t.setDaemon(true);
      t.setPriority(Thread.MAX_PRIORITY);
      return t;
    });
  }

  public void start() {
    thread.start();
    long ms = config.heartbeatInterval().toMillis();
    ticker.scheduleAtFixedRate(() -> post(this::tick), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code r} on the dispatcher thread. */
  void post(Runnable r) {
    if (running) {
      inbox.add(r);
    }
  }

  /** Runs {@code c} on the dispatcher thread and returns its result (admin reads, submissions). */
  <T> CompletableFuture<T> call(Supplier<T> c) {
    CompletableFuture<T> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new IllegalStateException("the coordinator is shutting down"));
      return f;
    }
    post(() -> {
      try {
        f.complete(c.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  private void loop() {
    while (running) {
      Runnable r;
      try {
        r = inbox.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r == null) {
        continue;
      }
      eventStartNanos = System.nanoTime();
      try {
        r.run();
      } catch (RuntimeException e) {
        String trace = UUID.randomUUID().toString();
        log.error("dispatcher event failed (trace {})", trace, e);
      } finally {
        LogContext.clear(); // the keys an event set never leak into the next one
      }
    }
  }

  private void helper(Callable<Runnable> work, java.util.function.Consumer<Exception> onFailure) {
    helpers.execute(() -> {
      Runnable next;
      try {
        next = work.call();
      } catch (Exception e) {
        post(() -> onFailure.accept(e));
        return;
      }
      post(next);
    });
  }

  // ================================================================ worker stream

  void onMessage(ProverConnection c, ProverMessage m) {
    if (c.closed()) {
      return;
    }
    if (c.session == null) {
      switch (m.getMessageCase()) {
        case REGISTER -> register(c, m.getRegister());
        case RECONNECT -> reconnect(c, m.getReconnect());
        default -> c.close(Status.INVALID_ARGUMENT.withDescription(
            "the first ProverStream message must be register or reconnect, got " + m.getMessageCase()));
      }
      return;
    }
    WorkerSession w = c.session;
    LogContext.put(LogContext.WORKER, w.id);
    w.lastSeenNanos = System.nanoTime();
    w.lastHeartbeat = Instant.now();
    switch (m.getMessageCase()) {
      case HEARTBEAT_ACK -> {
        if (!m.getHeartbeatAck().getProverId().isEmpty() && !m.getHeartbeatAck().getProverId().equals(w.id)) {
          c.close(Status.PERMISSION_DENIED.withDescription("heartbeat_ack names prover "
              + m.getHeartbeatAck().getProverId() + " but this stream belongs to " + w.id));
          onClosed(c, "foreign prover_id");
        }
      }
      case EXECUTE_TASK_RESPONSE -> onResult(w, m.getExecuteTaskResponse());
      case JOB_CANCELLED_ACK -> {
        String job = m.getJobCancelledAck().getJobId();
        if (w.cancelling.remove(job)) {
          w.running.removeIf(t -> t.job.id.equals(job));
          assign();
        }
      }
      case SETUP_PROGRAM_ACK -> {
        if (!m.getSetupProgramAck().getSuccess()) {
          log.warn("prover {} failed to set up program {}: {}", w.id, m.getSetupProgramAck().getHashId(),
              m.getSetupProgramAck().getErrorMessage());
          w.programs.remove(m.getSetupProgramAck().getHashId());
        }
      }
      case ERROR -> {
        if ("SHUTTING_DOWN".equals(m.getError().getCode())) {
          w.draining = WorkerSession.State.DRAINING;
        } else {
          log.warn("prover {} reports {}: {}", w.id, m.getError().getCode(), m.getError().getErrorMessage());
        }
      }
      case REGISTER, RECONNECT -> c.close(Status.FAILED_PRECONDITION.withDescription(
          "this stream is already registered as " + w.id + "; open a new stream to register again"));
      case MESSAGE_NOT_SET -> c.close(Status.INVALID_ARGUMENT.withDescription("empty ProverMessage (no oneof set)"));
    }
  }

  /**
   * Validates a registration and builds the new session; an older stream of the same id is closed
   * (no authentication yet, C4: the newer stream supersedes it) but its attempts are left for the
   * caller, which keeps or releases them. The session is not in the registry yet.
   */
  private WorkerSession admit(ProverConnection c, String requestedId, int units) {
    if (units < 1) {
      c.close(Status.INVALID_ARGUMENT.withDescription(
          "compute_capacity.compute_units must be at least 1, got " + Integer.toUnsignedString(units)));
      return null;
    }
    if (units > 4096) {
      c.close(Status.INVALID_ARGUMENT.withDescription("compute_capacity.compute_units " + units + " exceeds 4096"));
      return null;
    }
    String id = requestedId == null || requestedId.isBlank()
        ? c.caller.proverPrefix().orElse("") + UUID.randomUUID() : requestedId;
    if (!c.caller.mayUseProverId(id)) {
      c.close(Status.PERMISSION_DENIED.withDescription("prover_id " + id + " is not allowed for "
          + c.caller.name() + ": its ids start with " + c.caller.proverPrefix().orElse("")));
      return null;
    }
    if (id.length() > 128) {
      c.close(Status.INVALID_ARGUMENT.withDescription("prover_id longer than 128 characters"));
      return null;
    }
    WorkerSession old = workers.get(id);
    if (old != null) {
      if (!old.disconnected) {
        old.close(Status.ABORTED.withDescription("superseded by a newer stream for prover " + id));
      }
    } else if (workers.size() >= config.maxTotalWorkers()) {
      c.close(Status.RESOURCE_EXHAUSTED.withDescription("the cluster already has max_total_workers="
          + config.maxTotalWorkers() + " provers"));
      return null;
    }
    WorkerSession w = new WorkerSession(id, c, units, c.remote);
    if (old != null) {
      w.completed = old.completed;
      w.failed = old.failed;
    }
    Long until = quarantinedUntil.get(id);
    w.quarantined = until != null && until - System.nanoTime() > 0;
    c.session = w;
    return w;
  }

  private ProverRegisterResponse.Builder accepted(WorkerSession w) {
    Instant now = Instant.now();
    return ProverRegisterResponse.newBuilder().setProverId(w.id).setAccepted(true).setMessage("registered")
        .setRegisteredAt(ts(now)).setHeartbeatIntervalMs((int) config.heartbeatInterval().toMillis());
  }

  private void register(ProverConnection c, ProverRegisterRequest r) {
    WorkerSession w = admit(c, r.hasProverId() ? r.getProverId() : null, r.getComputeCapacity().getComputeUnits());
    if (w == null) {
      return;
    }
    WorkerSession old = workers.get(w.id);
    if (old != null) {
      drop(old, "registered again holding no tasks");
    }
    workers.put(w.id, w);
    LogContext.put(LogContext.WORKER, w.id);
    w.programs.addAll(r.getCachedProgramsList());
    log.info("prover {} registered from {} with {} compute units", w.id, w.remote, w.capacity);
    w.send(CoordinatorMessage.newBuilder().setRegisterResponse(accepted(w)).build());
    tryAdmit();
    assign();
  }

  /**
   * Reconnect reconciliation (design §4): each held task gets a directive. The live attempt of this
   * prover (same attempt and epoch) moves to the new stream and KEEP_COMPUTING, as does a result it
   * finished that is being verified; an attempt of a task that is READY again with nobody else given it
   * since (its grace expired before the prover came back) is adopted; anything else is
   * CANCEL_STALE_JOB. Attempts of the old session that the prover no longer names are LOST.
   */
  private void reconnect(ProverConnection c, ProverReconnectRequest r) {
    WorkerSession w = admit(c, r.getProverId(), r.getComputeCapacity().getComputeUnits());
    if (w == null) {
      return;
    }
    WorkerSession old = workers.get(w.id);
    w.programs.addAll(r.getCachedProgramsList());
    ProverRegisterResponse.Builder resp = accepted(w);
    int kept = 0;
    List<Task> moved = new ArrayList<>();
    for (TaskRef ref : r.getTasksList()) {
      Task t = reconcile(w, old, ref);
      boolean keep = t != null;
      if (keep) {
        kept++;
        if (t.status == Task.Status.RUNNING) {
          moved.add(t);
        }
      }
      resp.addTaskDirectives(TaskDirective.newBuilder().setTask(ref).setAction(keep
          ? ReconnectionAction.RECONNECTION_ACTION_KEEP_COMPUTING : ReconnectionAction.RECONNECTION_ACTION_CANCEL_STALE_JOB));
    }
    if (old != null) {
      old.running.removeAll(moved);
      drop(old, "reconnected");
    }
    for (Task t : moved) {
      w.running.add(t);
      t.job.workers.add(w.id);
    }
    if (r.hasLastKnownJobId()) {
      Job j = jobs.get(r.getLastKnownJobId());
      boolean live = j != null && !j.state.terminal() && moved.stream().anyMatch(t -> t.job == j);
      resp.setDirective(ReconnectionDirective.newBuilder().setAction(live
          ? ReconnectionAction.RECONNECTION_ACTION_KEEP_COMPUTING : ReconnectionAction.RECONNECTION_ACTION_CANCEL_STALE_JOB));
    }
    workers.put(w.id, w);
    log.info("prover {} reconnected holding {} tasks, {} kept", w.id, r.getTasksCount(), kept);
    w.send(CoordinatorMessage.newBuilder().setRegisterResponse(resp).build());
    tryAdmit();
    assign();
  }

  /** The task a reconnecting prover may keep (adopting it if READY and untouched), or null if stale. */
  private Task reconcile(WorkerSession w, WorkerSession old, TaskRef ref) {
    Job job = jobs.get(ref.getJobId());
    Task t = job == null ? null : job.task(ref.getTaskType(), ref.getSegmentIndex());
    if (t == null || job.state.terminal() || ref.getEpoch() != 0 || t.attempt != ref.getAttempt()) {
      return null;
    }
    boolean mine = w.id.equals(t.worker);
    if (t.status == Task.Status.RUNNING && mine && old != null && old.running.contains(t)) {
      return t;
    }
    if (t.status == Task.Status.VERIFYING && mine && ref.getFinished()) {
      return t; // its result is being checked; the re-sent copy is ignored, the ack follows the verdict
    }
    if (t.status == Task.Status.READY && job.current() != null && job.current()[t.segment] == t
        && w.running.size() < w.capacity) {
      t.status = Task.Status.RUNNING;
      t.worker = w.id;
      log.info("job {} {} attempt {} adopted back from reconnecting {}", job.id, t, t.attempt, w.id);
      return t;
    }
    return null;
  }

  void onClosed(ProverConnection c, String why) {
    WorkerSession w = c.session;
    c.close(Status.OK);
    if (w != null && workers.get(w.id) == w && !w.disconnected) {
      disconnect(w, why);
      assign();
    }
  }

  /**
   * DISCONNECTED (design §2.2): a prover holding live attempts keeps them for {@code reconnect_grace}
   * so a reconnect can resume them; otherwise (or with no grace) it is dropped at once.
   */
  private void disconnect(WorkerSession w, String why) {
    boolean holds = w.running.stream().anyMatch(t -> t.status == Task.Status.RUNNING && !t.job.state.terminal());
    if (!holds || config.faults().reconnectGrace().isZero()) {
      drop(w, why);
      return;
    }
    w.disconnected = true;
    w.disconnectedNanos = System.nanoTime();
    w.cancelling.clear();
    log.info("prover {} disconnected ({}); its {} attempts wait {} for a reconnect", w.id, why, w.running.size(),
        config.faults().reconnectGrace());
  }

  /** Removes a session; its running attempts are LOST and their tasks re-readied. */
  private void drop(WorkerSession w, String why) {
    if (workers.get(w.id) == w) {
      workers.remove(w.id);
    }
    log.info("prover {} gone: {}", w.id, why);
    for (Task t : List.copyOf(w.running)) {
      if (t.status == Task.Status.RUNNING && w.id.equals(t.worker) && !t.job.state.terminal()) {
        failAttempt(t, w.id, "LOST", "prover " + w.id + " disconnected (" + why + ")");
      }
    }
    w.running.clear();
    for (Job j : active) {
      j.workers.remove(w.id);
    }
  }

  private void tick() {
    long now = System.nanoTime();
    long limit = 3 * config.heartbeatInterval().toNanos();
    Heartbeat hb = Heartbeat.newBuilder().setTimestamp(ts(Instant.now())).setSeq(heartbeatSeq.incrementAndGet()).build();
    long grace = config.faults().reconnectGrace().toNanos();
    for (WorkerSession w : List.copyOf(workers.values())) {
      if (w.disconnected) {
        if (now - w.disconnectedNanos > grace) {
          drop(w, "not reconnected within " + config.faults().reconnectGrace());
        }
      } else if (now - w.lastSeenNanos > limit) {
        w.close(Status.UNAVAILABLE.withDescription("no message for 3 heartbeat intervals"));
        disconnect(w, "missed 3 heartbeats");
      } else {
        w.send(CoordinatorMessage.newBuilder().setHeartbeat(hb).build());
      }
    }
    quarantinedUntil.entrySet().removeIf(e -> {
      if (e.getValue() - now > 0) {
        return false;
      }
      WorkerSession w = workers.get(e.getKey());
      if (w != null) {
        w.quarantined = false;
        log.info("prover {} leaves quarantine", w.id);
      }
      badResults.remove(e.getKey());
      return true;
    });
    long phaseLimit = config.phaseLimit().toNanos();
    for (Job j : List.copyOf(active)) {
      if (phaseLimit > 0 && now - j.phaseStartedNanos > phaseLimit) {
        fail(j, new Failure(Failure.Kind.TIMEOUT, "phase " + j.phase + " exceeded " + config.phaseLimit(), j.phase));
      }
    }
    long queueLimit = config.queueTimeout().toNanos();
    for (Job j : List.copyOf(queue)) {
      if (queueLimit > 0 && now - j.createdNanos > queueLimit) {
        queue.remove(j);
        fail(j, new Failure(Failure.Kind.TIMEOUT, "queued longer than " + config.queueTimeout(), JobPhase.NONE));
      }
    }
    assign();
  }

  // ================================================================ results

  private void ack(WorkerSession w, ExecuteTaskResponse r, boolean accepted, String reason) {
    TaskRef ref = TaskRef.newBuilder().setJobId(r.getJobId()).setTaskType(r.getTaskType())
        .setSegmentIndex(r.getSegmentIndex()).setAttempt(r.getAttempt()).setEpoch(r.getEpoch()).setFinished(true).build();
    w.send(CoordinatorMessage.newBuilder()
        .setTaskResultAck(TaskResultAck.newBuilder().setTask(ref).setAccepted(accepted).setReason(reason)).build());
  }

  private void onResult(WorkerSession w, ExecuteTaskResponse r) {
    LogContext.put(LogContext.JOB, r.getJobId());
    LogContext.put(LogContext.TASK, LogContext.taskName(r.getTaskType().name(), r.getSegmentIndex()));
    LogContext.put(LogContext.ATTEMPT, Integer.toUnsignedString(r.getAttempt()));
    Job job = jobs.get(r.getJobId());
    if (job == null) {
      ack(w, r, false, "unknown job " + r.getJobId());
      return;
    }
    Task t = job.task(r.getTaskType(), r.getSegmentIndex());
    if (t == null) {
      ack(w, r, false, "unknown task " + r.getTaskType() + " segment " + Integer.toUnsignedString(r.getSegmentIndex())
          + " of job " + job.id);
      return;
    }
    if (r.getEpoch() != 0) {
      ack(w, r, false, "unknown epoch " + Integer.toUnsignedString(r.getEpoch()) + " (current 0)");
      return;
    }
    if (t.status == Task.Status.VERIFYING && t.attempt == r.getAttempt() && w.id.equals(t.worker)) {
      return; // a re-sent copy of the result under verification: its ack follows the verdict
    }
    if (t.status != Task.Status.RUNNING || t.attempt != r.getAttempt() || !w.id.equals(t.worker)) {
      ack(w, r, false, "stale result: " + t + " attempt " + Integer.toUnsignedString(r.getAttempt())
          + " is not the running attempt of this prover");
      return;
    }
    w.running.remove(t);
    if (job.state.terminal()) {
      ack(w, r, false, "job " + job.id + " is " + job.state);
      return;
    }
    if (!r.getSuccess()) {
      ack(w, r, true, "failure recorded");
      if ("WORKER_BUSY".equals(r.getErrorCode())) {
        metrics.attemptEnded(t.type, "busy");
        t.status = Task.Status.READY;
        t.worker = null;
      } else {
        failAttempt(t, w.id, r.getErrorCode(), r.getErrorMessage());
      }
      assign();
      return;
    }
    String bad = switch (r.getTaskType()) {
      case PARTIAL_CONTRIBUTION -> acceptContribution(job, t, r);
      case PROVE -> verifyProof(job, t, w.id, r);
      default -> "unexpected task type";
    };
    if (bad != null) {
      ack(w, r, false, bad);
      failAttempt(t, w.id, "BAD_RESULT", bad);
    } else if (t.status != Task.Status.VERIFYING) {
      ack(w, r, true, "");
      done(job, t, w.id);
      advance(job);
    }
    assign();
  }

  private void done(Job job, Task t, String workerId) {
    metrics.attemptEnded(t.type, "done");
    t.status = Task.Status.DONE;
    t.doneBy = workerId;
    WorkerSession w = workers.get(workerId);
    if (w != null) {
      w.completed++;
    }
    job.history.add(new AttemptRecord(t.type.name(), t.segment, t.attempt, workerId, AttemptRecord.Outcome.DONE, "",
        Instant.now()));
  }

  /** Checks and records a commitment; returns why it is refused, or null. */
  private String acceptContribution(Job job, Task t, ExecuteTaskResponse r) {
    if (!r.hasContribution()) {
      return "PARTIAL_CONTRIBUTION result without contribution";
    }
    SegPublic p;
    try {
      p = SegPublic.decode(r.getContribution().getSegPublic().toByteArray());
    } catch (dev.zisk4j.engine.segment.MalformedProofException | RuntimeException e) {
      return "contribution.seg_public: " + e.getMessage();
    }
    Checkpoint cp = job.plan.segments().get(t.segment);
    if (p.pcStart() != cp.start().pc() || p.inStart() != cp.start().inputPosition()
        || p.inLen() != cp.input().length || !Arrays.equals(p.regsStart(), startRegs(cp))) {
      return "contribution's start state differs from the planner's for segment " + t.segment;
    }
    if (t.segment + 1 < job.segments()) {
      Checkpoint next = job.plan.segments().get(t.segment + 1);
      if (p.pcEnd() != next.start().pc() || !Arrays.equals(p.regsEnd(), startRegs(next))) {
        return "contribution's end state differs from the planner's for segment " + t.segment;
      }
    }
    try {
      job.aggregator.accept(new SegmentCommitment(t.segment, p));
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    job.publics[t.segment] = p;
    job.committed++;
    return null;
  }

  private static long[] startRegs(Checkpoint cp) {
    return dev.zisk4j.engine.vmair.VmAir.r1to7(cp.start());
  }

  /**
   * Parses a returned proof and sends it to the verifier pool (design §2.6: every segment proof is
   * verified before it counts); the task is VERIFYING until the verdict comes back. Returns why the
   * result is refused outright, or null.
   */
  private String verifyProof(Job job, Task t, String workerId, ExecuteTaskResponse r) {
    if (!r.hasProof()) {
      return "PROVE result without proof";
    }
    if (r.getProof().getProof().size() > MAX_PROOF_BYTES) {
      return "proof of " + r.getProof().getProof().size() + " bytes exceeds " + MAX_PROOF_BYTES;
    }
    SegmentProof p;
    try {
      p = EngineCodec.proof(r.getProof().getProof(), "proof.proof");
    } catch (MalformedMessageException e) {
      return e.getMessage();
    }
    t.status = Task.Status.VERIFYING;
    int attempt = t.attempt;
    SegPublic pub = job.publics[t.segment];
    GlobalChallenges g = job.challenges;
    verifiers.execute(() -> {
      long t0 = System.nanoTime();
      BundleVerdict v;
      try {
        v = verifier.verifySegment(job.image, job.statement, job.config, g, t.segment, pub, p, job.expected);
      } catch (RuntimeException e) {
        Failure f = internal("verifying " + t + " of job " + job.id, e);
        post(() -> fail(job, f));
        return;
      }
      long micros = (System.nanoTime() - t0) / 1000;
      post(() -> verified(job, t, attempt, workerId, r, p, v, micros));
    });
    return null;
  }

  /** The verifier's verdict on a proof (dispatcher thread): it counts, or the attempt FAILED and the prover is marked. */
  private void verified(Job job, Task t, int attempt, String workerId, ExecuteTaskResponse r, SegmentProof p,
      BundleVerdict v, long micros) {
    if (t.status != Task.Status.VERIFYING || t.attempt != attempt) {
      return;
    }
    LogContext.put(LogContext.JOB, job.id);
    LogContext.put(LogContext.WORKER, workerId);
    LogContext.put(LogContext.TASK, LogContext.taskName(t.type.name(), t.segment));
    LogContext.put(LogContext.ATTEMPT, Integer.toUnsignedString(attempt));
    metrics.proofChecked(v.accepted());
    WorkerSession w = workers.get(workerId);
    if (job.state.terminal()) {
      if (w != null) {
        ack(w, r, false, "job " + job.id + " is " + job.state);
      }
      return;
    }
    if (v.accepted()) {
      log.debug("job {} {} attempt {} verified in {} us", job.id, t, attempt, micros);
      if (w != null) {
        ack(w, r, true, "");
      }
      job.proofs[t.segment] = p;
      job.proved++;
      done(job, t, workerId);
      advance(job);
    } else {
      String why = "proof fails verification: " + v;
      if (w != null) {
        ack(w, r, false, why);
      }
      failAttempt(t, workerId, "BAD_PROOF", why);
      badResult(workerId);
    }
    assign();
  }

  /** Counts a bad result; at {@code max_bad_results} the prover is quarantined (design §2.2). */
  private void badResult(String workerId) {
    int n = badResults.merge(workerId, 1, Integer::sum);
    if (n >= config.faults().maxBadResults() && !quarantinedUntil.containsKey(workerId)) {
      quarantinedUntil.put(workerId, System.nanoTime() + config.faults().quarantine().toNanos());
      WorkerSession w = workers.get(workerId);
      if (w != null) {
        w.quarantined = true;
      }
      log.warn("prover {} quarantined for {}: {} proofs failed verification", workerId, config.faults().quarantine(), n);
    }
  }

  private void failAttempt(Task t, String workerId, String code, String error) {
    t.failures++;
    t.failedOn.add(workerId);
    t.lastError = (code == null || code.isEmpty() ? "" : code + ": ") + error;
    t.status = Task.Status.READY;
    t.worker = null;
    WorkerSession w = workers.get(workerId);
    if (w != null) {
      w.failed++;
    }
    Job job = t.job;
    job.failedAttempts++;
    boolean refused = "BAD_RESULT".equals(code) || "BAD_PROOF".equals(code);
    metrics.attemptEnded(t.type, "LOST".equals(code) ? "lost" : refused ? "rejected" : "failed");
    job.history.add(new AttemptRecord(t.type.name(), t.segment, t.attempt, workerId,
        "LOST".equals(code) ? AttemptRecord.Outcome.LOST : AttemptRecord.Outcome.FAILED, t.lastError, Instant.now()));
    try (LogContext ctx = LogContext.task(job.id, workerId, t.type.name(), t.segment, t.attempt)) {
      log.info("job {} {} attempt {} on {} failed: {}", job.id, t, t.attempt, workerId, t.lastError);
    }
    if (t.failures >= config.taskMaxAttempts()) {
      fail(job, new Failure(Failure.Kind.EXECUTION, "segment " + t.segment + " " + t.type + " failed " + t.failures
          + " attempts: " + t.lastError, job.phase));
    } else {
      persist(job);
    }
  }

  /** Moves a job on when its phase is complete. */
  private void advance(Job job) {
    if (job.phase == JobPhase.CONTRIBUTIONS && job.committed == job.segments()) {
      enterPhase(job, JobPhase.PROVE);
      helper(() -> {
        GlobalChallenges g = job.aggregator.challenges();
        return () -> {
          if (job.state.terminal()) {
            return;
          }
          job.challenges = g;
          job.challengeBytes = EngineCodec.bytes(g.encode());
          for (Task t : job.proves) {
            t.status = Task.Status.READY;
          }
          assign();
        };
      }, e -> fail(job, internal("drawing the global challenges", e)));
    } else if (job.phase == JobPhase.PROVE && job.proved == job.segments()) {
      enterPhase(job, JobPhase.AGGREGATE);
      helper(() -> {
        Bundle b = job.aggregator.aggregate(Arrays.asList(job.proofs));
        BundleVerdict v = verifier.verify(job.image, b, job.expected, VerifyPolicy.ANY_SUPPORTED);
        byte[] bytes = b.encode();
        return () -> {
          if (job.state.terminal()) {
            return;
          }
          metrics.bundleChecked(v.accepted());
          if (!v.accepted()) {
            // every segment proof was verified on arrival; what is left is the cross-segment checks
            fail(job, new Failure(Failure.Kind.EXECUTION, "the aggregated bundle fails verification: " + v,
                JobPhase.AGGREGATE));
            return;
          }
          job.bundle = bytes;
          complete(job);
        };
      }, e -> fail(job, internal("aggregation", e)));
    }
  }

  // ================================================================ jobs

  /**
   * What a submission asks for; validated by the API layer.
   *
   * @param input the input bytes, or null for an input still to be pushed ({@link #inputArrived})
   * @param deadline the client's {@code *_timeout}: past it the job fails with {@code timeout}
   */
  record Submission(String blockId, JobKind kind, String hashId, dev.zisk4j.engine.vm.ProgramImage image,
      byte[] input, int computeCapacity, int minimalCapacity, Optional<Instant> deadline, String owner) {
    Submission(String blockId, JobKind kind, String hashId, dev.zisk4j.engine.vm.ProgramImage image, byte[] input,
        int computeCapacity, int minimalCapacity) {
      this(blockId, kind, hashId, image, input, computeCapacity, minimalCapacity, Optional.empty(), "");
    }
  }

  /** Outcome of a submission. */
  sealed interface Submitted {
    record Accepted(String jobId) implements Submitted {}

    record NoWorkers() implements Submitted {}

    record QueueFull(int limit) implements Submitted {}
  }

  /** Queues a job (dispatcher thread). Execute jobs need no workers. */
  Submitted submit(Submission s) {
    if (s.kind() == JobKind.PROVE && workers.isEmpty()) {
      return new Submitted.NoWorkers();
    }
    if (queue.size() >= config.maxQueuedJobs()) {
      return new Submitted.QueueFull(config.maxQueuedJobs());
    }
    Job job = new Job(UUID.randomUUID().toString(), s.blockId(), s.kind(), s.hashId(), s.image(), s.input(),
        config.proveOptions().config(s.image()), config.proveOptions().inputMode(), s.computeCapacity(),
        s.minimalCapacity(), s.owner());
    jobs.put(job.id, job);
    event(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder()
        .setQueued(JobEventQueued.newBuilder().setJobId(job.id).setTimestamp(ts(job.createdAt))).build());
    s.deadline().ifPresent(d -> armDeadline(job, d));
    job.deadline = s.deadline();
    if (s.input() == null) {
      job.state = JobState.WAITING_FOR_INPUT;
      event(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder().setWaitingForInput(JobEventWaitingForInput
          .newBuilder().setJobId(job.id).setTimestamp(ts(Instant.now()))).build());
      persist(job);
    } else {
      storeInput(job);
      persist(job);
      admitOrStart(job);
    }
    return new Submitted.Accepted(job.id);
  }

  private void admitOrStart(Job job) {
    switch (job.kind) {
      case EXECUTE -> start(job);
      case SETUP -> setup(job);
      case PROVE -> {
        queue.add(job);
        tryAdmit();
      }
    }
  }

  /**
   * A pushed input is complete and well framed (dispatcher thread): the job waits no more. Returns
   * why it cannot take it (unknown, or no longer waiting: cancelled, timed out), or null.
   */
  String inputArrived(String jobId, byte[] input) {
    Job job = jobs.get(jobId);
    if (job == null || job.state != JobState.WAITING_FOR_INPUT) {
      return job == null ? "no job " + jobId : "job " + jobId + " is " + job.state + ", not waiting for input";
    }
    job.input = input;
    job.state = JobState.QUEUED;
    storeInput(job); // input EOF: synchronous (§4), before the snapshot that says the job has it
    persist(job);
    admitOrStart(job);
    return null;
  }

  /** A push broke or was refused (dispatcher thread): the job fails with {@code input}. */
  void inputFailed(String jobId, String reason) {
    Job job = jobs.get(jobId);
    if (job != null) {
      fail(job, new Failure(Failure.Kind.INPUT, reason, job.phase));
    }
  }

  /** The client's deadline: past it the job fails with {@code timeout{phase, limit}} (at once if already past). */
  private void armDeadline(Job job, Instant deadline) {
    java.time.Duration limit = java.time.Duration.between(job.createdAt, deadline);
    long delay = java.time.Duration.between(Instant.now(), deadline).toNanos();
    ticker.schedule(() -> post(() -> {
      if (!job.state.terminal()) {
        fail(job, new Failure(Failure.Kind.TIMEOUT, "the client's deadline " + deadline + " passed in phase "
            + job.phase, job.phase, limit.isNegative() ? java.time.Duration.ZERO : limit));
      }
    }), Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  /** What recovery needs to run the job again (durable store only; committed before the job's snapshot). */
  private void storeInput(Job job) {
    if (store.durable()) {
      store.putInput(job.id, new dev.zisk4j.cluster.store.JobInput(job.image.encode(), job.input, job.computeCapacity,
          job.minimalCapacity, job.deadline));
    }
  }

  /**
   * Restart recovery (cluster.md §4), on the dispatcher thread before the server takes calls: every
   * non-terminal job of the store is taken up again. Queued jobs stay queued, in their order. Running
   * jobs run again from CONTRIBUTIONS: the planner re-runs the guest on the stored input (it is
   * deterministic, so the segments, their commitments and the challenges come out the same) and every
   * task is dispatched afresh, because the store keeps no task results (the job's history of attempts is
   * kept). A job whose pushed input had not ended fails with {@code input}; one whose input is not in
   * the store fails with {@code internal}. Terminal jobs are answered from the store.
   *
   * @return what was recovered, for the log
   */
  Recovery recover() {
    if (!store.durable()) {
      return new Recovery(0, 0, 0);
    }
    List<JobRecord> open = new ArrayList<>(store.list(true, 0));
    java.util.Collections.reverse(open); // oldest first: the queue keeps its FIFO order
    int queued = 0;
    int resumed = 0;
    int failed = 0;
    for (JobRecord r : open) {
      if (jobs.containsKey(r.jobId())) {
        continue;
      }
      if (r.state() == JobState.WAITING_FOR_INPUT) {
        failStored(r, new Failure(Failure.Kind.INPUT, "coordinator restarted during input streaming: the pushed input"
            + " had not ended; submit the job again", r.phase()));
        failed++;
        continue;
      }
      Optional<dev.zisk4j.cluster.store.JobInput> in;
      dev.zisk4j.engine.vm.ProgramImage image;
      try {
        in = store.input(r.jobId());
        image = in.isEmpty() ? null : dev.zisk4j.engine.vm.ProgramImage.decode(in.get().image());
      } catch (dev.zisk4j.engine.vm.MalformedImageException | RuntimeException e) {
        failStored(r, internal("recovering job " + r.jobId(), e instanceof Exception x ? x : new RuntimeException(e)));
        failed++;
        continue;
      }
      if (in.isEmpty() || r.kind() == null) {
        failStored(r, new Failure(Failure.Kind.INTERNAL, "the coordinator restarted and the job's input is not in the"
            + " store, so it cannot run again", r.phase()));
        failed++;
        continue;
      }
      dev.zisk4j.cluster.store.JobInput ji = in.get();
      Job job = new Job(r.jobId(), r.blockId(), r.kind(), r.hashId(), image, ji.input(), config.proveOptions().config(image),
          config.proveOptions().inputMode(), ji.computeCapacity(), ji.minimalCapacity(), r.owner(), r.createdAt());
      job.history.addAll(r.attempts());
      job.failedAttempts = r.failedAttempts();
      job.deadline = ji.deadline();
      jobs.put(job.id, job);
      event(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder()
          .setQueued(JobEventQueued.newBuilder().setJobId(job.id).setTimestamp(ts(job.createdAt))).build());
      ji.deadline().ifPresent(d -> armDeadline(job, d));
      if (r.state() == JobState.QUEUED) {
        queue.add(job);
        queued++;
      } else {
        job.startedAt = r.startedAt().orElse(null);
        LogContext.put(LogContext.JOB, job.id);
        log.info("job {} was {} {} at the restart: it runs again from CONTRIBUTIONS", job.id, r.state(), r.phase());
        LogContext.clear();
        switch (job.kind) {
          case SETUP -> setup(job);
          default -> start(job); // prove and execute: re-plan (admitted before the restart)
        }
        resumed++;
      }
    }
    tryAdmit();
    return new Recovery(queued, resumed, failed);
  }

  /** What {@link #recover} found: jobs queued again, running jobs resumed, jobs failed. */
  record Recovery(int queued, int resumed, int failed) {}

  /** Fails a job that only the store knows (recovery), writing its terminal snapshot. */
  private void failStored(JobRecord r, Failure f) {
    JobRecord t = new JobRecord(r.jobId(), r.blockId(), r.kind(), r.hashId(), JobState.FAILED, JobPhase.NONE,
        r.createdAt(), r.startedAt(), Optional.of(Instant.now()), r.segments(), r.segmentsProved(), r.failedAttempts(),
        r.assignedWorkers(), Optional.of(f), Optional.empty(), r.outputs(), r.steps(), r.attempts(), r.owner(),
        r.verifyingKey());
    store.put(t);
    store.deleteInput(r.jobId());
    metrics.jobFinished(r.kind() == null ? JobKind.PROVE : r.kind(), JobState.FAILED, null, java.util.Set.of());
    log.info("job {} failed at recovery: {} {}", r.jobId(), f.kind(), f.reason());
  }

  /** A Setup job: the verifying key under the coordinator's options, on a helper thread. */
  private void setup(Job job) {
    job.state = JobState.RUNNING;
    if (job.startedAt == null) {
      job.startedAt = Instant.now();
    }
    event(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder()
        .setStarted(JobEventStarted.newBuilder().setJobId(job.id).setTimestamp(ts(job.startedAt))).build());
    persist(job);
    helper(() -> {
      byte[] root = new SegmentProver(job.image, job.config, job.mode, keys).verifyingKey().preRoot();
      byte[] vk = ApiMapping.verifyingKey(job.config, job.image.imageId(), root);
      return () -> {
        if (!job.state.terminal()) {
          job.vkBytes = vk;
          complete(job);
        }
      };
    }, e -> fail(job, e instanceof dev.zisk4j.engine.vm.MalformedImageException || e instanceof IllegalArgumentException
        ? new Failure(Failure.Kind.EXECUTION, e.getMessage(), JobPhase.NONE) : internal("setup", e)));
  }

  private int freeUnits() {
    int free = 0;
    for (WorkerSession w : workers.values()) {
      free += Math.max(0, w.free());
    }
    return free;
  }

  /** Strict FIFO admission (design §2.4). */
  private void tryAdmit() {
    while (!queue.isEmpty()) {
      Job head = queue.peek();
      long activeProve = active.stream().filter(j -> j.kind == JobKind.PROVE).count();
      if (activeProve >= config.maxActiveJobs() || workers.isEmpty()
          || freeUnits() < Math.max(1, head.minimalCapacity)) {
        return;
      }
      queue.poll();
      start(head);
    }
  }

  private void enterPhase(Job job, JobPhase phase) {
    job.phase = phase;
    job.phaseStartedNanos = System.nanoTime();
    if (phase != JobPhase.NONE) {
      event(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder().setProgress(JobEventProgress.newBuilder()
          .setJobId(job.id).setPhase(ApiMapping.phase(phase)).setTimestamp(ts(Instant.now()))).build());
    }
    persist(job);
  }

  /** Queued → Running(CONTRIBUTIONS): the guest runs on a helper, the checkpoints come back. */
  private void start(Job job) {
    job.state = JobState.RUNNING;
    if (job.startedAt == null) {
      job.startedAt = Instant.now();
    }
    active.add(job);
    event(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder()
        .setStarted(JobEventStarted.newBuilder().setJobId(job.id).setTimestamp(ts(job.startedAt))).build());
    enterPhase(job, JobPhase.CONTRIBUTIONS);
    helper(() -> {
      Plan plan = new Planner(config.proveOptions().maxSegments()).plan(job.image, job.config,
          WordTape.ofBytes(job.input));
      if (!plan.ok()) {
        return () -> fail(job, new Failure(Failure.Kind.EXECUTION, "the guest faults in segment "
            + plan.faultSegment() + ": " + plan.fault(), JobPhase.CONTRIBUTIONS));
      }
      if (job.kind == JobKind.EXECUTE) {
        return () -> {
          job.plan = plan;
          job.outputs = plan.outputs();
          job.steps = plan.steps();
          complete(job);
        };
      }
      if (dev.zisk4j.engine.vm.PrecompileSupport.usesPoseidon(job.image)) {
        // the distributed API has PARTIAL_CONTRIBUTION/PROVE tasks for VM segments only: a POSEIDON
        // program also needs Poseidon instance tasks (engine InstancePlan, PoseidonInstanceProver)
        return () -> fail(job, new Failure(Failure.Kind.EXECUTION, POSEIDON_REFUSED, JobPhase.CONTRIBUTIONS));
      }
      SegmentProver sp = new SegmentProver(job.image, job.config, job.mode, keys);
      byte[] root = sp.verifyingKey().preRoot();
      boolean pub = job.mode == InputMode.PUBLIC;
      Statement st = new Statement(job.image.imageId(), root, pub ? Statement.digest(job.input) : new byte[32],
          pub ? Statement.words(job.input.length) : 0, job.mode, plan.outputs());
      Aggregator agg = new Aggregator(job.config, st, sp.airDigest(), plan.segments().size());
      ByteString[] cps = new ByteString[plan.segments().size()];
      for (int i = 0; i < cps.length; i++) {
        cps[i] = EngineCodec.bytes(plan.segments().get(i).encode());
      }
      byte[] vk = ApiMapping.verifyingKey(job.config, job.image.imageId(), root);
      ExpectedInput expected = pub ? ExpectedInput.of(job.input) : ExpectedInput.privateInput();
      return () -> planned(job, plan, agg, st, expected, cps, vk);
    }, e -> fail(job, e instanceof dev.zisk4j.engine.vm.MalformedImageException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        ? new Failure(Failure.Kind.EXECUTION, e.getMessage(), JobPhase.CONTRIBUTIONS) : internal("planning", e)));
  }

  private void planned(Job job, Plan plan, Aggregator agg, Statement st, ExpectedInput expected, ByteString[] cps,
      byte[] vk) {
    if (job.state.terminal()) {
      return;
    }
    job.plan = plan;
    job.aggregator = agg;
    job.statement = st;
    job.expected = expected;
    job.checkpoints = cps;
    job.vkBytes = vk;
    job.outputs = plan.outputs();
    job.steps = plan.steps();
    int k = plan.segments().size();
    job.contributions = new Task[k];
    job.proves = new Task[k];
    job.proofs = new SegmentProof[k];
    job.publics = new SegPublic[k];
    for (int i = 0; i < k; i++) {
      job.contributions[i] = new Task(job, TaskType.PARTIAL_CONTRIBUTION, i);
      job.contributions[i].status = Task.Status.READY;
      job.proves[i] = new Task(job, TaskType.PROVE, i);
    }
    LogContext.put(LogContext.JOB, job.id);
    log.info("job {} planned: {} segments, {} steps", job.id, k, plan.steps());
    persist(job);
    assign();
  }

  private Failure internal(String what, Exception e) {
    String trace = UUID.randomUUID().toString();
    log.error("{} failed (trace {})", what, trace, e);
    return new Failure(Failure.Kind.INTERNAL, trace, JobPhase.NONE);
  }

  private void complete(Job job) {
    job.state = JobState.COMPLETED;
    job.phase = JobPhase.NONE;
    job.finishedAt = Instant.now();
    finish(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder().setCompleted(JobEventCompleted.newBuilder()
        .setJobId(job.id).setResult(ApiMapping.result(job.snapshot(), job.vkBytes)).setTimestamp(ts(job.finishedAt)))
        .build());
    log.info("job {} completed ({} segments)", job.id, job.segments());
  }

  private void fail(Job job, Failure f) {
    if (job.state.terminal()) {
      return;
    }
    queue.remove(job);
    job.state = JobState.FAILED;
    job.failure = f;
    job.finishedAt = Instant.now();
    cancelAttempts(job, "job failed");
    finish(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder().setFailed(JobEventFailed.newBuilder()
        .setJobId(job.id).setFailure(ApiMapping.failure(f)).setTimestamp(ts(job.finishedAt))).build());
    log.info("job {} failed: {} {}", job.id, f.kind(), f.reason());
  }

  /** CancelJob (idempotent): true if this call cancelled the job. Dispatcher thread. */
  boolean cancel(String jobId) {
    Job job = jobs.get(jobId);
    if (job == null || job.state.terminal()) {
      return false;
    }
    queue.remove(job);
    job.state = JobState.CANCELLED;
    job.failure = new Failure(Failure.Kind.CANCELLED, "cancelled by the client", job.phase);
    job.finishedAt = Instant.now();
    cancelAttempts(job, "cancelled by the client");
    finish(job, dev.zisk4j.proto.coordinator.v1.JobEvent.newBuilder().setCancelled(JobEventCancelled.newBuilder()
        .setJobId(job.id).setTimestamp(ts(job.finishedAt))).build());
    tryAdmit();
    return true;
  }

  /** Sends JobCancelled to every prover with a live attempt; their slots stay busy until the ack. */
  private void cancelAttempts(Job job, String reason) {
    for (WorkerSession w : workers.values()) {
      boolean live = w.running.stream().anyMatch(t -> t.job == job);
      if (live && w.cancelling.add(job.id)) {
        w.send(CoordinatorMessage.newBuilder()
            .setJobCancelled(JobCancelled.newBuilder().setJobId(job.id).setReason(reason)).build());
      }
    }
  }

  private void finish(Job job, dev.zisk4j.proto.coordinator.v1.JobEvent terminal) {
    LogContext.put(LogContext.JOB, job.id);
    metrics.jobFinished(job.kind, job.state, job.startedAt == null ? null
        : java.time.Duration.between(job.startedAt, job.finishedAt == null ? Instant.now() : job.finishedAt), job.workers);
    active.remove(job);
    event(job, terminal);
    JobRecord snap = job.snapshot();
    store.put(snap);
    if (store.durable()) {
      store.deleteInput(job.id); // retention (§4): the input goes at the terminal state
    }
    for (var w : job.watchers) {
      try {
        w.onCompleted();
      } catch (RuntimeException ignored) {
        // watcher gone
      }
    }
    job.watchers.clear();
    job.done.complete(snap);
    tryAdmit();
    assign();
  }

  private void persist(Job job) {
    store.put(job.snapshot());
  }

  private void event(Job job, dev.zisk4j.proto.coordinator.v1.JobEvent e) {
    job.events.add(e);
    for (var w : List.copyOf(job.watchers)) {
      try {
        w.onNext(e);
      } catch (RuntimeException gone) {
        job.watchers.remove(w);
      }
    }
  }

  /** WatchJob: replays the job's events then follows it. False if unknown. Dispatcher thread. */
  boolean watch(String jobId, io.grpc.stub.StreamObserver<dev.zisk4j.proto.coordinator.v1.JobEvent> out) {
    Job job = jobs.get(jobId);
    if (job == null) {
      return false;
    }
    for (var e : job.events) {
      out.onNext(e);
    }
    if (job.state.terminal()) {
      out.onCompleted();
    } else {
      job.watchers.add(out);
    }
    return true;
  }

  /** The terminal snapshot's future, or null if the job is unknown. Dispatcher thread. */
  CompletableFuture<JobRecord> done(String jobId) {
    Job job = jobs.get(jobId);
    if (job == null) {
      // a job that ended before a restart: only the store knows it
      return store.get(jobId).filter(r -> r.state().terminal()).map(CompletableFuture::completedFuture).orElse(null);
    }
    return job.done;
  }

  byte[] verifyingKeyOf(String jobId) {
    Job job = jobs.get(jobId);
    if (job == null) {
      return store.get(jobId).flatMap(JobRecord::verifyingKey).orElse(null);
    }
    return job.vkBytes;
  }

  // ================================================================ assignment

  /** Fills free slots with READY tasks, oldest job first (design §2.4). Dispatcher thread. */
  private void assign() {
    if (workers.isEmpty()) {
      return;
    }
    for (Job job : List.copyOf(active)) {
      Task[] tasks = job.current();
      if (tasks == null) {
        continue;
      }
      int runningAttempts = job.runningAttempts();
      for (Task t : tasks) {
        if (t.status != Task.Status.READY) {
          continue;
        }
        if (job.computeCapacity > 0 && runningAttempts >= job.computeCapacity) {
          break;
        }
        WorkerSession w = pick(job, t);
        if (w == null) {
          continue;
        }
        dispatch(job, t, w);
        runningAttempts++;
      }
    }
  }

  private WorkerSession pick(Job job, Task t) {
    if (t.type == TaskType.PROVE) {
      // the sticky committer first (design §2.4), unless it failed this task
      WorkerSession sticky = job.contributions[t.segment].doneBy == null ? null
          : workers.get(job.contributions[t.segment].doneBy);
      if (sticky != null && sticky.free() > 0 && !t.failedOn.contains(sticky.id)
          && (job.workers.size() < config.maxWorkersPerJob() || job.workers.contains(sticky.id))) {
        return sticky;
      }
    }
    WorkerSession best = null;
    boolean jobFull = job.workers.size() >= config.maxWorkersPerJob();
    for (int pass = 0; pass < 2 && best == null; pass++) {
      for (WorkerSession w : workers.values()) {
        if (w.free() <= 0 || (jobFull && !job.workers.contains(w.id))) {
          continue;
        }
        // a retry avoids provers that already failed the task, unless none other is left
        if (pass == 0 && t.failedOn.contains(w.id)) {
          continue;
        }
        if (best == null || w.free() > best.free()) {
          best = w;
        }
      }
      if (pass == 0 && best == null && !anyOtherThanFailed(t)) {
        continue;
      }
      if (best == null) {
        break;
      }
    }
    return best;
  }

  private boolean anyOtherThanFailed(Task t) {
    for (WorkerSession w : workers.values()) {
      if (!t.failedOn.contains(w.id) && !w.quarantined) {
        return true;
      }
    }
    return false;
  }

  private void dispatch(Job job, Task t, WorkerSession w) {
    if (w.programs.add(job.hashId)) {
      w.send(CoordinatorMessage.newBuilder().setSetupProgram(SetupProgram.newBuilder().setJobId(job.id)
          .setHashId(job.hashId).setElfBytes(ByteString.copyFrom(job.image.encode()))).build());
    }
    t.attempt++;
    t.status = Task.Status.RUNNING;
    t.worker = w.id;
    w.running.add(t);
    job.workers.add(w.id);
    ExecuteTaskRequest.Builder req = ExecuteTaskRequest.newBuilder().setProverId(w.id).setJobId(job.id)
        .setTaskType(t.type).setSegmentIndex(t.segment).setAttempt(t.attempt).setEpoch(0).setHashId(job.hashId)
        .setEngineConfig(ByteString.copyFrom(job.config.encode()));
    if (t.type == TaskType.PARTIAL_CONTRIBUTION) {
      req.setContributionParams(ContributionParams.newBuilder().setDataId(job.id).setCheckpoint(job.checkpoints[t.segment]));
    } else {
      req.setProveParams(ProveParams.newBuilder().setGlobalChallenges(job.challengeBytes)
          .setCheckpoint(job.checkpoints[t.segment]));
    }
    w.send(CoordinatorMessage.newBuilder().setExecuteTask(req).build());
    metrics.dispatched(System.nanoTime() - eventStartNanos);
    try (LogContext ctx = LogContext.task(job.id, w.id, t.type.name(), t.segment, t.attempt)) {
      log.debug("job {} {} attempt {} dispatched to {}", job.id, t, t.attempt, w.id);
    }
  }

  // ================================================================ admin reads (dispatcher thread)

  List<WorkerSession> workersView() {
    return List.copyOf(workers.values());
  }

  /** The counts the metrics' gauges show (dispatcher thread). */
  CoordinatorMetrics.Snapshot metricsSnapshot() {
    return CoordinatorMetrics.snapshotOf(jobs.values(), active, workers.values(), queue.size());
  }

  int queuedJobs() {
    return queue.size();
  }

  int activeJobs() {
    return active.size();
  }

  /** Asks one prover to drain and stop; false if unknown. */
  boolean shutdownProver(String id, int graceSeconds) {
    WorkerSession w = workers.get(id);
    if (w == null) {
      return false;
    }
    w.draining = WorkerSession.State.DRAINING;
    w.send(CoordinatorMessage.newBuilder().setShutdown(Shutdown.newBuilder().setReason("requested by an operator")
        .setGracePeriodSeconds(graceSeconds)).build());
    return true;
  }

  static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  @Override
  public void close() {
    CompletableFuture<Void> bye = call(() -> {
      for (WorkerSession w : workers.values()) {
        w.close(Status.UNAVAILABLE.withDescription("the coordinator is shutting down"));
      }
      for (Job j : jobs.values()) {
        for (var watcher : j.watchers) {
          try {
            watcher.onError(Status.UNAVAILABLE.withDescription("the coordinator is shutting down").asRuntimeException());
          } catch (RuntimeException ignored) {
            // gone
          }
        }
      }
      return null;
    });
    try {
      bye.get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
    running = false;
    ticker.shutdownNow();
    helpers.shutdownNow();
    verifiers.shutdownNow();
    thread.interrupt();
    engine.close();
  }
}

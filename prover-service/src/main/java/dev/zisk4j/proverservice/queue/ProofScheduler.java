package dev.zisk4j.proverservice.queue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.proverservice.guest.GuestInput;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.guest.StatementCheck;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.proverservice.store.RequestState;
import dev.zisk4j.proverservice.store.RequestStore;
import dev.zisk4j.proverservice.store.StoredRequest;
import dev.zisk4j.sdk.JobHandle;
import dev.zisk4j.sdk.ProveResult;
import dev.zisk4j.sdk.VerifyResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proof queue: FIFO, {@code concurrency} proofs at a time, every request persisted in the
 * {@link RequestStore} before GenProof answers, so a restart loses no finished proof and re-queues
 * unfinished ones (spec §5, zkevm-node #1516). Cancel really stops the work (a queued request is
 * dropped, a running proof is interrupted). Finished requests are forgotten after the retention.
 *
 * <p>Thread-safety: the in-memory queue, the running set and the waiters are guarded by {@code lock};
 * state transitions in the store are conditional on the current state, so a cancel and a completion
 * racing each other have exactly one winner (the store's).
 */
public final class ProofScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProofScheduler.class);

  private final RequestStore store;
  private final ProvingBackend backend;
  private final InputValidator validator;
  private final SchedulerConfig config;
  private final Clock clock;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  // guarded by lock
  private final Deque<String> pending = new ArrayDeque<>();
  // guarded by lock: id -> running proof, in start order
  private final Map<String, Running> running = new LinkedHashMap<>();
  // written under lock; read without it by isUnsettled: id -> completed when the request reaches a
  // final state (or the service halts)
  private final Map<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
  // guarded by lock
  private ServerState.Stamp last;
  // guarded by lock
  private boolean booting = true;
  // guarded by lock
  private boolean halted;
  // written under lock by publish(), read by status() without it
  private volatile ServerState snapshot =
      new ServerState(ServerState.Phase.BOOTING, Optional.empty(), Optional.empty(), List.of());

  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService cleaner;
  private final Counter submitted;
  private final Timer proving;
  private final MeterRegistry meters;

  /** A proof being computed; {@code handle} is null until the job is submitted. */
  private static final class Running {
    final long startMs;
    JobHandle<ProveResult> handle;
    boolean cancelled;

    Running(long startMs) {
      this.startMs = startMs;
    }
  }

  public ProofScheduler(RequestStore store, ProvingBackend backend, InputValidator validator, SchedulerConfig config,
      Clock clock, MeterRegistry meters) {
    this.store = store;
    this.backend = backend;
    this.validator = validator;
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.cleaner = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("prover-retention")
        .factory());
    this.submitted = Counter.builder("zkprover_gen_proof_accepted_total").description("GenProof requests queued")
        .register(meters);
    this.proving = Timer.builder("zkprover_proof_seconds").description("time from start to final state of a proof")
        .register(meters);
    Gauge.builder("zkprover_queue_length", this, s -> s.status().pending().size())
        .description("requests waiting").register(meters);
  }

  /**
   * Recovers the queue from the store (RUNNING requests are redone), starts the workers and the
   * retention task, then computes the guest's verifying key on a background thread; the service is
   * BOOTING until that is done.
   */
  public void start() {
    lock.lock();
    try {
      StoredRequest lastEnded = store.lastEnded().orElse(null);
      if (lastEnded != null) {
        last = new ServerState.Stamp(lastEnded.id(), lastEnded.endedMs().orElse(0L) / 1000);
      }
      // The store's order is the FIFO order, also for requests submitted before start().
      pending.clear();
      for (StoredRequest r : store.recoverQueue()) {
        pending.addLast(r.id());
        waiters.computeIfAbsent(r.id(), k -> new CompletableFuture<>());
      }
      if (!pending.isEmpty()) {
        log.info("recovered {} unfinished request(s) from the store; they are queued again", pending.size());
      }
    } finally {
      unlockPublishing();
    }
    for (int i = 0; i < config.concurrency(); i++) {
      Thread t = Thread.ofPlatform().name("prover-worker-" + i).daemon().unstarted(this::workLoop);
      workers.add(t);
      t.start();
    }
    long periodMs = Math.max(1000, Math.min(60_000, config.retention().toMillis() / 10));
    cleaner.scheduleWithFixedDelay(this::applyRetentionQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
    Thread.ofPlatform().name("prover-boot").daemon().start(this::boot);
  }

  private void boot() {
    try {
      backend.setup().get();
      log.info("guest {} ready", backend.guest());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | CancellationException e) {
      // Proving will fail per request with INTERNAL_ERROR naming the cause; stay up to report it.
      log.error("guest setup failed: {}", e.getCause() == null ? e : e.getCause().getMessage());
    }
    lock.lock();
    try {
      booting = false;
      work.signalAll();
    } finally {
      unlockPublishing();
    }
    ready.complete(null);
  }

  /** Completes when booting is over (the guest's verifying key is computed). */
  public CompletableFuture<Void> ready() {
    return ready.copy();
  }

  /**
   * Validates and queues a request; returns its id.
   *
   * @throws InputRejectedException when a field breaks its form or limit (RESULT_GEN_PROOF_ERROR)
   * @throws IllegalStateException when the service is halting or the queue is full (INTERNAL_ERROR)
   */
  public String submit(InputProver input) throws InputRejectedException {
    GuestInput.encode(validator.check(input)); // a db that lacks a node the batch reads is refused here
    String id = UUID.randomUUID().toString();
    lock.lock();
    try {
      if (halted) {
        throw new IllegalStateException("the service is shutting down");
      }
      if (pending.size() >= config.maxQueued()) {
        throw new IllegalStateException("the queue is full: queued=" + pending.size() + ", max=" + config.maxQueued());
      }
      // Persist before answering: once the client has the id, a restart keeps the request.
      store.insert(id, input.toByteArray(), clock.millis());
      pending.addLast(id);
      waiters.put(id, new CompletableFuture<>());
      work.signal();
    } finally {
      unlockPublishing();
    }
    submitted.increment();
    return id;
  }

  /** Cancels a queued or running request; false if it is unknown or already final. */
  public boolean cancel(String id) {
    JobHandle<ProveResult> stop = null;
    lock.lock();
    try {
      boolean queued = pending.remove(id);
      Running r = running.get(id);
      if (!queued && r == null) {
        return false;
      }
      if (!store.finish(id, RequestState.CANCEL, StatementCheck.bare(id, ResultGetProof.RESULT_GET_PROOF_CANCEL,
          "cancelled").toByteArray(), clock.millis())) {
        return false;
      }
      if (r != null) {
        r.cancelled = true;
        stop = r.handle;
      }
      ended(id, false);
    } finally {
      unlockPublishing();
    }
    if (stop != null) {
      stop.cancel();
    }
    return true;
  }

  /** What is known of {@code id}. */
  public Lookup lookup(String id) {
    if (isUnsettled(id)) {
      return new Lookup.Pending(); // in memory: a polling client costs no database read
    }
    Optional<RequestState> state = store.state(id);
    if (state.isEmpty()) {
      return new Lookup.Unknown();
    }
    if (!state.get().isFinal()) {
      return new Lookup.Pending();
    }
    Optional<byte[]> result = store.result(id);
    if (result.isEmpty()) {
      return new Lookup.Unknown(); // forgotten by the retention between the two reads
    }
    try {
      return new Lookup.Final(GetProofResponse.parseFrom(result.get()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored response of " + id + " is unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Completes when {@code id} reaches a final state or the service halts; at once if it is not
   * pending here. Never completes exceptionally.
   */
  public CompletableFuture<Void> whenSettled(String id) {
    lock.lock();
    try {
      CompletableFuture<Void> w = waiters.get(id);
      return w == null ? CompletableFuture.completedFuture(null) : w.copy();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The state GetStatus reports: a snapshot published at every change, read without the lock, so a
   * status call never waits for a submit's or cancel's database write (or anything else under the
   * lock) while a proof runs.
   */
  public ServerState status() {
    return snapshot;
  }

  /**
   * Whether {@code id} is queued or running here (not final): answered without the lock and without
   * the database, which is what the GetProof(PENDING) poll needs while a proof runs.
   */
  public boolean isUnsettled(String id) {
    return waiters.containsKey(id);
  }

  /** Recomputes {@link #snapshot}; caller holds the lock and has just changed what it reports. */
  private void publish() {
    ServerState.Phase phase;
    if (halted) {
      phase = ServerState.Phase.HALT;
    } else if (booting) {
      phase = ServerState.Phase.BOOTING;
    } else {
      phase = running.isEmpty() && pending.isEmpty() ? ServerState.Phase.IDLE : ServerState.Phase.COMPUTING;
    }
    Optional<ServerState.Stamp> current = running.entrySet().stream()
        .min(Comparator.comparingLong(e -> e.getValue().startMs))
        .map(e -> new ServerState.Stamp(e.getKey(), e.getValue().startMs / 1000));
    snapshot = new ServerState(phase, current, Optional.ofNullable(last), List.copyOf(pending));
  }

  /** Publishes the new state, then releases the lock. */
  private void unlockPublishing() {
    try {
      publish();
    } finally {
      lock.unlock();
    }
  }

  /** Deletes finished requests older than the retention; returns how many. */
  public int applyRetention() {
    int n = store.deleteEndedBefore(clock.millis() - config.retention().toMillis());
    if (n > 0) {
      log.info("retention: forgot {} finished request(s) older than {}", n, config.retention());
    }
    return n;
  }

  private void applyRetentionQuietly() {
    try {
      applyRetention();
    } catch (RuntimeException e) {
      log.warn("retention pass failed: {}", e.getMessage());
    }
  }

  // ---- workers -------------------------------------------------------------------------------

  private void workLoop() {
    while (true) {
      String id;
      lock.lock();
      try {
        while (!halted && (booting || pending.isEmpty())) {
          work.awaitUninterruptibly();
        }
        if (halted) {
          return;
        }
        id = pending.pollFirst();
        running.put(id, new Running(clock.millis()));
      } finally {
        unlockPublishing();
      }
      try {
        runOne(id);
      } catch (RuntimeException e) {
        log.error("request {} failed outside the prover: {}", id, e.toString(), e);
        finish(id, RequestState.INTERNAL_ERROR,
            StatementCheck.bare(id, ResultGetProof.RESULT_GET_PROOF_INTERNAL_ERROR, "internal error: " + e.getMessage()));
      } finally {
        lock.lock();
        try {
          running.remove(id);
        } finally {
          unlockPublishing();
        }
      }
    }
  }

  private void runOne(String id) {
    long t0 = System.nanoTime();
    if (!store.markRunning(id, clock.millis())) {
      return; // cancelled between the queue and here
    }
    StoredRequest row = store.find(id).orElseThrow();
    CheckedInput in;
    ZiskStdin tape;
    try {
      in = validator.check(InputProver.parseFrom(row.input()));
      tape = GuestInput.tape(in);
    } catch (InvalidProtocolBufferException | InputRejectedException e) {
      // Accepted once, so only a changed limit or a damaged row gets here.
      finish(id, RequestState.INTERNAL_ERROR, StatementCheck.bare(id, ResultGetProof.RESULT_GET_PROOF_INTERNAL_ERROR,
          "stored input no longer valid: " + e.getMessage()));
      return;
    }
    JobHandle<ProveResult> h = backend.prove(tape);
    boolean cancelled;
    lock.lock();
    try {
      Running r = running.get(id);
      if (r != null) {
        r.handle = h;
      }
      cancelled = r == null || r.cancelled || halted;
    } finally {
      unlockPublishing();
    }
    if (cancelled) {
      h.cancel();
    }
    ProveResult proved;
    try {
      proved = h.get();
    } catch (CancellationException e) {
      return; // by Cancel (already final) or by shutdown (stays RUNNING, redone after a restart)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      h.cancel();
      return;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (isHalted()) {
        return;
      }
      log.warn("proof {} failed: {}", id, cause.toString());
      finish(id, RequestState.INTERNAL_ERROR, StatementCheck.bare(id, ResultGetProof.RESULT_GET_PROOF_INTERNAL_ERROR,
          "prover failed: " + cause.getMessage()));
      return;
    }
    VerifyResult verdict;
    try {
      verdict = backend.verify(proved.proof()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | CancellationException e) {
      if (isHalted()) {
        return;
      }
      finish(id, RequestState.INTERNAL_ERROR, StatementCheck.bare(id, ResultGetProof.RESULT_GET_PROOF_INTERNAL_ERROR,
          "verifier failed: " + (e.getCause() == null ? e : e.getCause().getMessage())));
      return;
    }
    GetProofResponse resp = StatementCheck.judge(id, in, backend.guest().imageIdHex(), proved, verdict);
    RequestState state = resp.getResult() == ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK
        ? RequestState.COMPLETED_OK : RequestState.COMPLETED_ERROR;
    if (finish(id, state, resp)) {
      proving.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
      meters.counter("zkprover_proofs_total", "result", state.name()).increment();
      log.info("proof {} {}: {} steps, {} bytes, {}", id, state, proved.steps(), proved.proofBytes(),
          resp.getResultString());
    }
  }

  private boolean finish(String id, RequestState state, GetProofResponse resp) {
    boolean done = store.finish(id, state, resp.toByteArray(), clock.millis());
    if (done) {
      lock.lock();
      try {
        ended(id, true);
      } finally {
        unlockPublishing();
      }
    }
    return done;
  }

  /** Records that {@code id} ended now and wakes its waiters; caller holds the lock. */
  private void ended(String id, boolean computed) {
    if (computed) {
      last = new ServerState.Stamp(id, clock.millis() / 1000);
    }
    // Not running any more as soon as it is final, so a woken GetProof and GetStatus agree.
    running.remove(id);
    CompletableFuture<Void> w = waiters.remove(id);
    publish(); // before waking the waiters: a woken client's next GetStatus sees the end
    if (w != null) {
      w.complete(null);
    }
  }

  private boolean isHalted() {
    lock.lock();
    try {
      return halted;
    } finally {
      lock.unlock();
    }
  }

  /**
   * HALT: stops taking work, wakes every waiting GetProof, stops running proofs (they stay RUNNING
   * in the store and are redone after a restart) and waits for the workers. Idempotent.
   */
  @Override
  public void close() {
    List<JobHandle<ProveResult>> stop = new ArrayList<>();
    lock.lock();
    try {
      if (halted) {
        return;
      }
      halted = true;
      for (Running r : running.values()) {
        if (r.handle != null) {
          stop.add(r.handle);
        }
      }
      publish(); // HALT is visible before the woken GetProofs answer
      waiters.values().forEach(w -> w.complete(null));
      waiters.clear();
      work.signalAll();
    } finally {
      unlockPublishing();
    }
    stop.forEach(JobHandle::cancel);
    cleaner.shutdownNow();
    for (Thread t : workers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }
}

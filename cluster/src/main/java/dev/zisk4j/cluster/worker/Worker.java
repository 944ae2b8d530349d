package dev.zisk4j.cluster.worker;

import dev.zisk4j.cluster.api.EngineCodec;
import dev.zisk4j.cluster.api.MalformedMessageException;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.distributed.v1.ComputeCapacity;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskRequest;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskResponse;
import dev.zisk4j.proto.distributed.v1.HeartbeatAck;
import dev.zisk4j.proto.distributed.v1.JobCancelledAck;
import dev.zisk4j.proto.distributed.v1.ProverError;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ProverReconnectRequest;
import dev.zisk4j.proto.distributed.v1.ProverRegisterRequest;
import dev.zisk4j.proto.distributed.v1.ReconnectionAction;
import dev.zisk4j.proto.distributed.v1.SetupProgram;
import dev.zisk4j.proto.distributed.v1.SetupProgramAck;
import dev.zisk4j.proto.distributed.v1.TaskDirective;
import dev.zisk4j.proto.distributed.v1.TaskRef;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A prover process's connection to the coordinator (cluster.md §7): registers with its capacity,
 * answers heartbeats on the gRPC thread and also reports liveness from its own thread (so proving
 * cannot starve it), runs tasks on {@code capacity} platform threads, keeps each result until the
 * coordinator acks it, reconnects with back-off (re-sending unacked results after the directives).
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final int MAX_MESSAGE_BYTES = 136 << 20;

  /** A task's identity across attempts and reconnects. */
  record Key(String jobId, int type, int segment, int attempt, int epoch) {
    static Key of(ExecuteTaskRequest r) {
      return new Key(r.getJobId(), r.getTaskTypeValue(), r.getSegmentIndex(), r.getAttempt(), r.getEpoch());
    }

    static Key of(TaskRef r) {
      return new Key(r.getJobId(), r.getTaskTypeValue(), r.getSegmentIndex(), r.getAttempt(), r.getEpoch());
    }

    TaskRef ref(boolean finished) {
      return TaskRef.newBuilder().setJobId(jobId).setTaskTypeValue(type).setSegmentIndex(segment).setAttempt(attempt)
          .setEpoch(epoch).setFinished(finished).build();
    }
  }

  /** A task in flight; {@code exited} opens when its thread has left the task (cancel waits on it). */
  private record Running(Future<?> future, java.util.concurrent.atomic.AtomicBoolean claimed, CountDownLatch exited) {}

  private final WorkerConfig config;
  private final ManagedChannel channel;
  private final Workers engine;
  private final TaskRunner runner;
  private final ExecutorService tasks;
  private final Thread heartbeat;
  private final Map<Key, Running> running = new ConcurrentHashMap<>();
  private final Map<Key, ExecuteTaskResponse> unacked = new ConcurrentHashMap<>();
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicLong lastSeq = new AtomicLong();
  private final CountDownLatch registered = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object sendLock = new Object();
  private volatile StreamObserver<ProverMessage> out;
  private volatile String proverId;
  private volatile boolean closing;
  private volatile boolean draining;
  private int failures;

  private Worker(WorkerConfig config) {
    this.config = config;
    this.proverId = config.proverId().orElse("");
    this.channel = config.access().channelBuilder(config.target())
        .maxInboundMessageSize(MAX_MESSAGE_BYTES).keepAliveTime(20, TimeUnit.SECONDS).build();
    this.engine = Workers.of(config.engineThreads());
    this.runner = new TaskRunner(engine);
    AtomicInteger n = new AtomicInteger();
    this.tasks = Executors.newFixedThreadPool(config.capacity(), r -> {
      Thread t = new Thread(r, "worker-task-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.heartbeat = new Thread(this::heartbeatLoop, "worker-heartbeat");
    this.heartbeat.setDaemon(true);
    this.heartbeat.setPriority(Thread.MAX_PRIORITY);
  }

  /** Connects and registers in the background; see {@link #awaitRegistered}. */
  public static Worker start(WorkerConfig config) {
    Worker w = new Worker(config);
    w.connect();
    w.heartbeat.start();
    return w;
  }

  /** Waits for the first accepted registration. */
  public boolean awaitRegistered(long timeout, TimeUnit unit) throws InterruptedException {
    return registered.await(timeout, unit);
  }

  /** The id the coordinator knows this worker by (assigned by it if none was configured). */
  public String proverId() {
    return proverId;
  }

  /** Waits until a Shutdown from the coordinator has drained this worker (or close()). */
  public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }

  private void connect() {
    StreamObserver<ProverMessage> o = ZiskDistributedApiGrpc.newStub(channel).proverStream(new Inbound());
    synchronized (sendLock) {
      out = o;
    }
    List<TaskRef> held = new java.util.ArrayList<>();
    running.keySet().forEach(k -> held.add(k.ref(false)));
    unacked.keySet().forEach(k -> held.add(k.ref(true)));
    ComputeCapacity cap = ComputeCapacity.newBuilder().setComputeUnits(config.capacity()).build();
    if (held.isEmpty() || proverId.isEmpty()) {
      ProverRegisterRequest.Builder r = ProverRegisterRequest.newBuilder().setComputeCapacity(cap).setVersion("0.1.0")
          .addAllCachedPrograms(runner.cached());
      if (!proverId.isEmpty()) {
        r.setProverId(proverId);
      }
      send(ProverMessage.newBuilder().setRegister(r).build());
    } else {
      send(ProverMessage.newBuilder().setReconnect(ProverReconnectRequest.newBuilder().setProverId(proverId)
          .setComputeCapacity(cap).addAllTasks(held).addAllCachedPrograms(runner.cached())).build());
    }
  }

  private void send(ProverMessage m) {
    synchronized (sendLock) {
      StreamObserver<ProverMessage> o = out;
      if (o == null) {
        return;
      }
      try {
        o.onNext(m);
      } catch (RuntimeException e) {
        log.debug("send failed: {}", e.toString());
      }
    }
  }

  private void heartbeatLoop() {
    long ms = config.heartbeat().toMillis();
    while (!closing) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        return;
      }
      if (registered.getCount() == 0) {
        send(ProverMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder().setProverId(proverId)
            .setSeq(lastSeq.get()).setRunningTasks(busy.get())).build());
      }
    }
  }

  private final class Inbound implements StreamObserver<CoordinatorMessage> {
    @Override
    public void onNext(CoordinatorMessage m) {
      switch (m.getMessageCase()) {
        case REGISTER_RESPONSE -> {
          var r = m.getRegisterResponse();
          if (!r.getAccepted()) {
            log.error("registration refused: {}", r.getMessage());
            return;
          }
          proverId = r.getProverId();
          failures = 0;
          for (TaskDirective d : r.getTaskDirectivesList()) {
            Key k = Key.of(d.getTask());
            if (d.getAction() == ReconnectionAction.RECONNECTION_ACTION_CANCEL_STALE_JOB) {
              unacked.remove(k);
              Running f = running.remove(k);
              if (f != null) {
                f.future().cancel(true);
              }
            }
          }
          unacked.values().forEach(v -> send(ProverMessage.newBuilder().setExecuteTaskResponse(v).build()));
          registered.countDown();
          log.info("registered as {} with {} compute units", proverId, config.capacity());
        }
        case HEARTBEAT -> {
          lastSeq.set(m.getHeartbeat().getSeq());
          send(ProverMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder().setProverId(proverId)
              .setSeq(m.getHeartbeat().getSeq()).setRunningTasks(busy.get())).build());
        }
        case SETUP_PROGRAM -> setup(m.getSetupProgram());
        case EXECUTE_TASK -> execute(m.getExecuteTask());
        case TASK_RESULT_ACK -> unacked.remove(Key.of(m.getTaskResultAck().getTask()));
        case JOB_CANCELLED -> cancel(m.getJobCancelled().getJobId());
        case SHUTDOWN -> drain(m.getShutdown().getGracePeriodSeconds());
        default -> log.warn("ignoring coordinator message {}", m.getMessageCase());
      }
    }

    @Override
    public void onError(Throwable t) {
      reconnectLater(Status.fromThrowable(t).toString());
    }

    @Override
    public void onCompleted() {
      reconnectLater("stream completed by the coordinator");
    }
  }

  private void setup(SetupProgram s) {
    SetupProgramAck.Builder ack = SetupProgramAck.newBuilder().setJobId(s.getJobId()).setProverId(proverId)
        .setHashId(s.getHashId());
    try {
      ProgramImage image = EngineCodec.program(s.getElfBytes(), "elf_bytes");
      runner.install(s.getHashId(), image);
      ack.setSuccess(true);
    } catch (MalformedMessageException e) {
      ack.setSuccess(false).setErrorMessage(e.getMessage());
    }
    send(ProverMessage.newBuilder().setSetupProgramAck(ack).build());
  }

  private void execute(ExecuteTaskRequest req) {
    Key k = Key.of(req);
    if (draining || busy.get() >= config.capacity()) {
      send(ProverMessage.newBuilder().setExecuteTaskResponse(ExecuteTaskResponse.newBuilder().setJobId(req.getJobId())
          .setProverId(proverId).setTaskType(req.getTaskType()).setSegmentIndex(req.getSegmentIndex())
          .setAttempt(req.getAttempt()).setEpoch(req.getEpoch()).setSuccess(false).setErrorCode("WORKER_BUSY")
          .setErrorMessage(draining ? "draining" : "all " + config.capacity() + " slots busy")).build());
      return;
    }
    busy.incrementAndGet();
    CountDownLatch exited = new CountDownLatch(1);
    var claimed = new java.util.concurrent.atomic.AtomicBoolean();
    running.put(k, new Running(tasks.submit(() -> {
      if (!claimed.compareAndSet(false, true)) {
        return; // cancelled before it started; cancel() released the slot
      }
      boolean released = false;
      try {
        ExecuteTaskResponse r = runner.run(req, proverId);
        boolean deliver = running.remove(k) != null && !Thread.currentThread().isInterrupted();
        if (deliver) {
          unacked.put(k, r);
        }
        // The slot is free before the result goes out: the coordinator frees it on receipt and may
        // send the next task at once, which must not find the slot still taken (WORKER_BUSY ping-pong).
        busy.decrementAndGet();
        released = true;
        if (deliver) {
          send(ProverMessage.newBuilder().setExecuteTaskResponse(r).build());
        }
      } finally {
        if (!released) {
          busy.decrementAndGet();
        }
        exited.countDown();
      }
    }), claimed, exited));
  }

  /** JobCancelled: interrupts the job's tasks and acks only after their threads have left them. */
  private void cancel(String jobId) {
    List<Running> fs = new java.util.ArrayList<>();
    running.forEach((k, f) -> {
      if (k.jobId().equals(jobId)) {
        running.remove(k);
        f.future().cancel(true);
        fs.add(f);
      }
    });
    unacked.keySet().removeIf(k -> k.jobId().equals(jobId));
    Thread.ofVirtual().name("cancel-" + jobId).start(() -> {
      // the engine has no cancellation token yet: a cancelled task's thread runs to its end, and
      // the ack waits for that (a task cancelled before it started never runs and opens at once)
      for (Running f : fs) {
        try {
          if (f.claimed().compareAndSet(false, true)) {
            busy.decrementAndGet();
          } else {
            f.exited().await();
          }
        } catch (InterruptedException e) {
          return;
        }
      }
      send(ProverMessage.newBuilder().setJobCancelledAck(JobCancelledAck.newBuilder().setProverId(proverId)
          .setJobId(jobId)).build());
    });
  }

  /**
   * Drains as on a coordinator {@code Shutdown} (cluster.md §7, the worker's SIGTERM): takes no new
   * tasks, finishes and delivers the running ones within {@code grace}, then closes;
   * {@link #awaitStopped} returns once it has.
   */
  public void shutdown(java.time.Duration grace) {
    drain((int) Math.min(Integer.MAX_VALUE, Math.max(1, grace.toSeconds())));
  }

  private void drain(int graceSeconds) {
    draining = true;
    send(ProverMessage.newBuilder().setError(ProverError.newBuilder().setProverId(proverId).setCode("SHUTTING_DOWN")
        .setErrorMessage("draining on the coordinator's request")).build());
    Thread.ofPlatform().name("worker-drain").daemon().start(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, graceSeconds));
      while ((!running.isEmpty() || !unacked.isEmpty()) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
      close();
    });
  }

  private void reconnectLater(String why) {
    if (closing) {
      return;
    }
    synchronized (sendLock) {
      out = null;
    }
    long backoff = Math.min(10_000, 250L << Math.min(6, failures++));
    long sleep = ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
    log.info("stream lost ({}); reconnecting in {} ms", why, sleep);
    Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        return;
      }
      if (!closing) {
        connect();
      }
    });
  }

  /** Stops tasks, closes the stream and the channel. Idempotent. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    heartbeat.interrupt();
    synchronized (sendLock) {
      if (out != null) {
        try {
          out.onCompleted();
        } catch (RuntimeException ignored) {
          // already gone
        }
        out = null;
      }
    }
    tasks.shutdownNow();
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
      tasks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
    stopped.countDown();
  }
}

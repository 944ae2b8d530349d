package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.cluster.auth.Caller;
import com.google.protobuf.Empty;
import dev.zisk4j.cluster.store.JobKind;
import dev.zisk4j.cluster.store.JobRecord;
import dev.zisk4j.cluster.store.JobStore;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.distributed.v1.ComputeCapacity;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.ErrorResponse;
import dev.zisk4j.proto.distributed.v1.HealthCheckResponse;
import dev.zisk4j.proto.distributed.v1.InputMode;
import dev.zisk4j.proto.distributed.v1.JobStatus;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import dev.zisk4j.proto.distributed.v1.JobStatusResponse;
import dev.zisk4j.proto.distributed.v1.JobsList;
import dev.zisk4j.proto.distributed.v1.JobsListRequest;
import dev.zisk4j.proto.distributed.v1.JobsListResponse;
import dev.zisk4j.proto.distributed.v1.LaunchProofRequest;
import dev.zisk4j.proto.distributed.v1.LaunchProofResponse;
import dev.zisk4j.proto.distributed.v1.Metrics;
import dev.zisk4j.proto.distributed.v1.ProverInfo;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ProversList;
import dev.zisk4j.proto.distributed.v1.ProversListRequest;
import dev.zisk4j.proto.distributed.v1.ProversListResponse;
import dev.zisk4j.proto.distributed.v1.ShutdownProverRequest;
import dev.zisk4j.proto.distributed.v1.ShutdownProverResponse;
import dev.zisk4j.proto.distributed.v1.StatusInfoResponse;
import dev.zisk4j.proto.distributed.v1.SystemStatus;
import dev.zisk4j.proto.distributed.v1.SystemStatusResponse;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.stub.StreamObserver;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code zisk.distributed.api.v1.ZiskDistributedApi}: the prover stream plus the seed's admin RPCs.
 * Admin errors travel in-band as {@link ErrorResponse} under status OK (cluster.md §1.1).
 */
final class DistributedApiService extends ZiskDistributedApiGrpc.ZiskDistributedApiImplBase {
  static final String VERSION = "0.1.0";
  private final Dispatcher dispatcher;
  private final JobStore store;
  private final Programs programs;
  private final CoordinatorConfig config;
  private final Instant startedAt = Instant.now();
  private final java.util.function.IntSupplier connections;

  DistributedApiService(Dispatcher dispatcher, JobStore store, Programs programs, CoordinatorConfig config,
      java.util.function.IntSupplier connections) {
    this.dispatcher = dispatcher;
    this.store = store;
    this.programs = programs;
    this.config = config;
    this.connections = connections;
  }

  @Override
  public StreamObserver<ProverMessage> proverStream(StreamObserver<CoordinatorMessage> out) {
    SocketAddress remote = RemoteAddress.current();
    return new ProverConnection(dispatcher, out, remote == null ? "" : remote.toString(), Caller.current());
  }

  private static ErrorResponse error(String code, String message) {
    return ErrorResponse.newBuilder().setCode(code).setMessage(message).build();
  }

  private <T> Optional<T> await(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return Optional.of(f.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    }
  }

  @Override
  public void healthCheck(Empty req, StreamObserver<HealthCheckResponse> out) {
    boolean ok = await(dispatcher.call(() -> true)).isPresent();
    out.onNext(HealthCheckResponse.newBuilder().setStatus(ok ? "SERVING" : "NOT_SERVING").build());
    out.onCompleted();
  }

  @Override
  public void statusInfo(Empty req, StreamObserver<StatusInfoResponse> out) {
    out.onNext(StatusInfoResponse.newBuilder().setServiceName("zisk4j-coordinator").setVersion(VERSION)
        .setUptimeSeconds(java.time.Duration.between(startedAt, Instant.now()).toSeconds())
        .setStartTime(Dispatcher.ts(startedAt))
        .setMetrics(Metrics.newBuilder().setActiveConnections(connections.getAsInt())).build());
    out.onCompleted();
  }

  @Override
  public void systemStatus(Empty req, StreamObserver<SystemStatusResponse> out) {
    Optional<SystemStatus> s = await(dispatcher.call(() -> {
      SystemStatus.Builder b = SystemStatus.newBuilder();
      int total = 0;
      int free = 0;
      int idle = 0;
      int busy = 0;
      for (WorkerSession w : dispatcher.workersView()) {
        total += w.capacity;
        free += Math.max(0, w.free());
        if (w.running.isEmpty()) {
          idle++;
        } else {
          busy++;
        }
      }
      return b.setTotalWorkers(idle + busy).setComputeCapacity(total).setIdleWorkers(idle).setBusyWorkers(busy)
          .setActiveJobs(dispatcher.activeJobs()).setQueuedJobs(dispatcher.queuedJobs()).setFreeComputeUnits(free)
          .build();
    }));
    out.onNext(s.map(v -> SystemStatusResponse.newBuilder().setStatus(v).build()).orElseGet(() ->
        SystemStatusResponse.newBuilder().setError(error("SYSTEM_UNAVAILABLE", "the scheduler did not answer")).build()));
    out.onCompleted();
  }

  static JobStatus jobStatus(JobRecord r) {
    Instant start = r.startedAt().orElse(r.createdAt());
    Instant end = r.finishedAt().orElse(Instant.now());
    return JobStatus.newBuilder().setJobId(r.jobId()).setBlockId(r.blockId()).setPhase(r.phase().wire())
        .setState(r.state().name()).addAllAssignedWorkers(r.assignedWorkers()).setStartTime(start.getEpochSecond())
        .setDurationMs(java.time.Duration.between(start, end).toMillis()).setKind(r.kind().name())
        .setSegments(r.segments()).setSegmentsProved(r.segmentsProved()).setFailedAttempts(r.failedAttempts())
        .setError(r.failure().map(f -> f.kind() + ": " + f.reason()).orElse("")).build();
  }

  @Override
  public void jobsList(JobsListRequest req, StreamObserver<JobsListResponse> out) {
    List<JobRecord> jobs = store.list(req.getActiveOnly(), req.getLimit());
    JobsList.Builder b = JobsList.newBuilder();
    jobs.forEach(j -> b.addJobs(jobStatus(j)));
    out.onNext(JobsListResponse.newBuilder().setJobsList(b).build());
    out.onCompleted();
  }

  @Override
  public void jobStatus(JobStatusRequest req, StreamObserver<JobStatusResponse> out) {
    Optional<JobRecord> r = req.getJobId().isEmpty() ? Optional.empty() : store.get(req.getJobId());
    out.onNext(r.map(j -> JobStatusResponse.newBuilder().setJob(jobStatus(j)).build()).orElseGet(() ->
        JobStatusResponse.newBuilder().setError(error("JOB_NOT_FOUND", req.getJobId().isEmpty()
            ? "job_id is empty" : "no job " + req.getJobId())).build()));
    out.onCompleted();
  }

  @Override
  public void proversList(ProversListRequest req, StreamObserver<ProversListResponse> out) {
    Optional<ProversList> list = await(dispatcher.call(() -> {
      ProversList.Builder b = ProversList.newBuilder();
      for (WorkerSession w : dispatcher.workersView()) {
        if (req.getAvailableOnly() && w.free() <= 0) {
          continue;
        }
        b.addProvers(ProverInfo.newBuilder().setProverId(w.id).setState(w.state())
            .setComputeCapacity(ComputeCapacity.newBuilder().setComputeUnits(w.capacity))
            .setConnectedAt(Dispatcher.ts(w.connectedAt)).setLastHeartbeat(Dispatcher.ts(w.lastHeartbeat))
            .setRunningTasks(w.running.size()).setRemoteAddress(w.remote).setTasksCompleted(w.completed)
            .setTasksFailed(w.failed));
      }
      return b.build();
    }));
    out.onNext(list.map(l -> ProversListResponse.newBuilder().setProversList(l).build()).orElseGet(() ->
        ProversListResponse.newBuilder().setError(error("SYSTEM_UNAVAILABLE", "the scheduler did not answer")).build()));
    out.onCompleted();
  }

  @Override
  public void workersList(ProversListRequest req, StreamObserver<ProversListResponse> out) {
    proversList(req, out);
  }

  @Override
  public void launchProof(LaunchProofRequest req, StreamObserver<LaunchProofResponse> out) {
    out.onNext(launch(req));
    out.onCompleted();
  }

  private LaunchProofResponse launch(LaunchProofRequest req) {
    String hash = req.getHashId().isEmpty() ? config.defaultProgram().orElse("") : req.getHashId();
    if (hash.isEmpty()) {
      return err("PROGRAM_NOT_FOUND", "no hash_id given and the coordinator has no default --program");
    }
    Optional<ProgramImage> image = programs.get(hash);
    if (image.isEmpty()) {
      return err("PROGRAM_NOT_FOUND", "no registered program " + hash);
    }
    byte[] input;
    InputMode mode = req.getInputsMode();
    if (mode == InputMode.UNRECOGNIZED) {
      return err("INVALID_INPUT", "inputs_mode " + req.getInputsModeValue() + " is not NONE, PATH or DATA");
    }
    boolean data = mode == InputMode.INPUT_MODE_DATA || (mode == InputMode.INPUT_MODE_NONE && req.getInputPath().isEmpty());
    if (data) {
      if (!req.getInputPath().isEmpty()) {
        return err("INVALID_INPUT", "inputs_mode DATA takes input_data, not input_path");
      }
      if (req.getInputData().size() > InputPaths.MAX_INPUT_BYTES) {
        return err("INVALID_INPUT", "input_data of " + req.getInputData().size() + " bytes exceeds "
            + InputPaths.MAX_INPUT_BYTES);
      }
      input = req.getInputData().toByteArray();
    } else {
      if (req.getInputPath().isEmpty()) {
        return err("INVALID_INPUT", "inputs_mode PATH needs input_path");
      }
      if (config.inputsFolder().isEmpty()) {
        return err("INVALID_INPUT", "input_path " + req.getInputPath()
            + " refused: the coordinator has no --inputs-folder");
      }
      try {
        input = InputPaths.read(config.inputsFolder().get(), req.getInputPath());
      } catch (IllegalArgumentException e) {
        return err("INVALID_INPUT", e.getMessage());
      }
    }
    if (input.length % 8 != 0) {
      return err("INVALID_INPUT", "input of " + input.length + " bytes is not a whole number of 8-byte words");
    }
    Optional<Dispatcher.Submitted> s = await(dispatcher.call(() -> dispatcher.submit(new Dispatcher.Submission(
        req.getBlockId(), JobKind.PROVE, Programs.hashId(image.get()), image.get(), input, req.getComputeCapacity(),
        req.getMinimalComputeCapacity(), Optional.empty(), Caller.current().owner()))));
    if (s.isEmpty()) {
      return err("SYSTEM_UNAVAILABLE", "the scheduler did not answer");
    }
    return switch (s.get()) {
      case Dispatcher.Submitted.Accepted a -> LaunchProofResponse.newBuilder().setJobId(a.jobId()).build();
      case Dispatcher.Submitted.NoWorkers n -> err("PROVER_UNAVAILABLE", "no provers connected");
      case Dispatcher.Submitted.QueueFull q -> err("QUEUE_FULL", "the queue holds max_queued_jobs=" + q.limit());
    };
  }

  private static LaunchProofResponse err(String code, String message) {
    return LaunchProofResponse.newBuilder().setError(error(code, message)).build();
  }

  @Override
  public void shutdownProver(ShutdownProverRequest req, StreamObserver<ShutdownProverResponse> out) {
    Optional<Boolean> ok = await(dispatcher.call(() -> dispatcher.shutdownProver(req.getProverId(),
        req.getGracePeriodSeconds() == 0 ? 30 : req.getGracePeriodSeconds())));
    out.onNext(ok.isEmpty() ? ShutdownProverResponse.newBuilder().setError(error("SYSTEM_UNAVAILABLE",
        "the scheduler did not answer")).build()
        : ok.get() ? ShutdownProverResponse.newBuilder().setAccepted(true).build()
        : ShutdownProverResponse.newBuilder().setError(error("PROVER_UNAVAILABLE", "no prover " + req.getProverId()))
            .build());
    out.onCompleted();
  }
}

package dev.zisk4j.cluster.coordinator;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import dev.zisk4j.cluster.api.EngineCodec;
import dev.zisk4j.cluster.api.MalformedMessageException;
import dev.zisk4j.cluster.auth.Caller;
import dev.zisk4j.cluster.store.JobKind;
import dev.zisk4j.cluster.store.JobRecord;
import dev.zisk4j.cluster.store.JobStore;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.coordinator.v1.CancelJobResponse;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobEvent;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.JobResponse;
import dev.zisk4j.proto.coordinator.v1.ProofKind;
import dev.zisk4j.proto.coordinator.v1.PushJobHintsInputRequest;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramResponse;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.WatchJobRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code zisk.coordinator.v1.ZiskCoordinatorApi}: the client API of spec §3.2. */
final class ClientApiService extends ZiskCoordinatorApiGrpc.ZiskCoordinatorApiImplBase {
  /** WaitJobResult's longest and default hold (spec §3.2). */
  static final int MAX_WAIT_SECONDS = 3600;
  static final int DEFAULT_WAIT_SECONDS = 5;
  static final String PUSH_URI = "grpc://push";
  private final Dispatcher dispatcher;
  private final JobStore store;
  private final Programs programs;
  private final PushInputs pushes;

  ClientApiService(Dispatcher dispatcher, JobStore store, Programs programs) {
    this.dispatcher = dispatcher;
    this.store = store;
    this.programs = programs;
    this.pushes = new PushInputs(dispatcher, store);
  }

  private <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiErrors.CLUSTER_UNAVAILABLE.exception("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw ApiErrors.CLUSTER_UNAVAILABLE.exception("the scheduler did not answer");
    }
  }

  @Override
  public void registerGuestProgram(RegisterGuestProgramRequest req, StreamObserver<RegisterGuestProgramResponse> out) {
    ProgramImage image;
    try {
      image = EngineCodec.program(req.getZiskElf(), "zisk_elf");
    } catch (MalformedMessageException e) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    out.onNext(RegisterGuestProgramResponse.newBuilder().setHashId(programs.register(image)).build());
    out.onCompleted();
  }

  @Override
  public void jobRequest(JobRequestMessage req, StreamObserver<JobResponse> out) {
    try {
      out.onNext(JobResponse.newBuilder().setJobId(submit(req)).build());
      out.onCompleted();
    } catch (io.grpc.StatusRuntimeException e) {
      out.onError(e);
    }
  }

  private String submit(JobRequestMessage req) {
    String owner = Caller.current().owner();
    JobKind kind;
    String hash;
    InputKind input;
    Optional<Timestamp> deadline;
    switch (req.getJobKind().getKindCase()) {
      case PROVE -> {
        var p = req.getJobKind().getProve();
        if (p.getProofDest() == ProofKind.PROOF_KIND_PLONK || p.getProofDest() == ProofKind.PROOF_KIND_STARK_MINIMAL) {
          throw ApiErrors.INVALID_PROOF_CONVERSION.exception("proof_dest " + p.getProofDest()
              + " is not supported: zisk4j produces STARK bundles only");
        }
        kind = JobKind.PROVE;
        hash = p.getHashId();
        input = p.getInput();
        deadline = p.hasProofTimeout() ? Optional.of(p.getProofTimeout()) : Optional.empty();
      }
      case EXECUTE -> {
        var e = req.getJobKind().getExecute();
        kind = JobKind.EXECUTE;
        hash = e.getHashId();
        input = e.getInput();
        deadline = e.hasExecuteTimeout() ? Optional.of(e.getExecuteTimeout()) : Optional.empty();
      }
      case SETUP -> {
        kind = JobKind.SETUP;
        hash = req.getJobKind().getSetup().getHashId();
        input = InputKind.getDefaultInstance();
        deadline = Optional.empty();
      }
      case WRAP -> throw ApiErrors.INVALID_PROOF_CONVERSION.exception("Wrap is not supported: no PLONK/minimal target");
      default -> throw Status.INVALID_ARGUMENT.withDescription("job_kind is not set").asRuntimeException();
    }
    Optional<Instant> until = deadline.map(ClientApiService::instant);
    ProgramImage image = programs.get(hash).orElseThrow(() ->
        ApiErrors.PROGRAM_NOT_FOUND.exception("no registered program " + hash));
    byte[] bytes = switch (input.getKindCase()) {
      case INLINE -> input.getInline().getData().toByteArray();
      case STREAM_URI -> {
        pushedInput(input.getStreamUri());
        yield null;
      }
      default -> new byte[0];
    };
    if (bytes == null) {
      return accepted(submitted(new Dispatcher.Submission("", kind, hash.toLowerCase(java.util.Locale.ROOT), image,
          null, 0, 0, until, owner)), true);
    }
    if (bytes.length % 8 != 0) {
      throw Status.INVALID_ARGUMENT.withDescription("input of " + bytes.length
          + " bytes is not a whole number of 8-byte words").asRuntimeException();
    }
    if (bytes.length > InputPaths.MAX_INPUT_BYTES) {
      throw Status.INVALID_ARGUMENT.withDescription("inline input exceeds " + InputPaths.MAX_INPUT_BYTES + " bytes")
          .asRuntimeException();
    }
    return accepted(submitted(new Dispatcher.Submission("", kind, hash.toLowerCase(java.util.Locale.ROOT), image,
        bytes, 0, 0, until, owner)), false);
  }

  private Dispatcher.Submitted submitted(Dispatcher.Submission sub) {
    return await(dispatcher.call(() -> dispatcher.submit(sub)));
  }

  private String accepted(Dispatcher.Submitted s, boolean pushed) {
    return switch (s) {
      case Dispatcher.Submitted.Accepted a -> {
        if (pushed) {
          pushes.expect(a.jobId());
        }
        yield a.jobId();
      }
      case Dispatcher.Submitted.NoWorkers n -> throw ApiErrors.CLUSTER_UNAVAILABLE.exception("no workers connected");
      case Dispatcher.Submitted.QueueFull q -> throw ApiErrors.CLUSTER_UNAVAILABLE.exception("queue full ("
          + q.limit() + " jobs)");
    };
  }

  /** Only {@code grpc://push} is served: the coordinator cannot reach a unix or quic stream on the client's host. */
  private static void pushedInput(String uri) {
    if (uri.equals(PUSH_URI)) {
      return;
    }
    if (uri.startsWith("unix://") || uri.startsWith("quic://")) {
      throw Status.UNIMPLEMENTED.withDescription("stream_uri " + uri + ": unix and quic input relays are not built; "
          + "use " + PUSH_URI + " (PushJobInput) or inline input").asRuntimeException();
    }
    throw Status.INVALID_ARGUMENT.withDescription("stream_uri " + uri + " is not " + PUSH_URI).asRuntimeException();
  }

  private static Instant instant(Timestamp t) {
    if (!Timestamps.isValid(t)) {
      throw Status.INVALID_ARGUMENT.withDescription("*_timeout is not a valid timestamp: seconds=" + t.getSeconds()
          + ", nanos=" + t.getNanos()).asRuntimeException();
    }
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  @Override
  public void waitJobResult(WaitJobResultRequest req, StreamObserver<WaitJobResultResponse> out) {
    if (!mayAccess(req.getJobId(), out)) {
      return;
    }
    CompletableFuture<JobRecord> done = await(dispatcher.call(() -> dispatcher.done(req.getJobId())));
    if (done == null) {
      out.onError(ApiErrors.JOB_NOT_FOUND.exception("no job " + req.getJobId()));
      return;
    }
    // spec §3.2: the hold is timeout_seconds (uint32) clamped to [1, 3600], 5 by default
    long wait = req.hasTimeoutSeconds()
        ? Math.clamp(Integer.toUnsignedLong(req.getTimeoutSeconds()), 1, MAX_WAIT_SECONDS) : DEFAULT_WAIT_SECONDS;
    JobRecord r;
    try {
      r = done.get(wait, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      r = store.get(req.getJobId()).orElseThrow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.onError(Status.CANCELLED.asRuntimeException());
      return;
    } catch (ExecutionException e) {
      out.onError(ApiErrors.INTERNAL.exception("An internal error occurred"));
      return;
    }
    WaitJobResultResponse.Builder b = WaitJobResultResponse.newBuilder().setJobId(r.jobId())
        .setJobStatus(ApiMapping.status(r));
    if (r.state() == dev.zisk4j.cluster.store.JobState.COMPLETED) {
      JobRecord fr = r;
      b.setResult(ApiMapping.result(fr, await(dispatcher.call(() -> dispatcher.verifyingKeyOf(fr.jobId())))));
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void watchJob(WatchJobRequest req, StreamObserver<JobEvent> out) {
    if (!mayAccess(req.getJobId(), out)) {
      return;
    }
    boolean known = await(dispatcher.call(() -> dispatcher.watch(req.getJobId(), out)));
    if (!known) {
      out.onError(ApiErrors.JOB_NOT_FOUND.exception("no job " + req.getJobId()));
    }
  }

  @Override
  public void cancelJob(CancelJobRequest req, StreamObserver<CancelJobResponse> out) {
    if (!mayAccess(req.getJobId(), out)) {
      return;
    }
    if (store.get(req.getJobId()).isEmpty()) {
      out.onError(ApiErrors.JOB_NOT_FOUND.exception("no job " + req.getJobId()));
      return;
    }
    boolean cancelled = await(dispatcher.call(() -> dispatcher.cancel(req.getJobId())));
    out.onNext(CancelJobResponse.newBuilder().setJobId(req.getJobId()).setCancelled(cancelled).build());
    out.onCompleted();
  }

  /**
   * Whether the current caller may see job {@code jobId} (its own, or any for an admin); if not, the
   * call is failed with PERMISSION_DENIED. An unknown job is left to the call to report.
   */
  private boolean mayAccess(String jobId, StreamObserver<?> out) {
    Optional<String> owner = ownerOf(store, jobId);
    if (owner.isPresent() && !Caller.current().mayAccessJobOf(owner.get())) {
      out.onError(Status.PERMISSION_DENIED.withDescription("job " + jobId + " belongs to another client")
          .asRuntimeException());
      return false;
    }
    return true;
  }

  static Optional<String> ownerOf(JobStore store, String jobId) {
    return store.get(jobId).map(JobRecord::owner);
  }

  @Override
  public StreamObserver<PushJobInputRequest> pushJobInput(StreamObserver<Empty> out) {
    return pushes.receive(out);
  }

  @Override
  public StreamObserver<PushJobHintsInputRequest> pushJobHintsInput(StreamObserver<Empty> out) {
    out.onError(Status.UNIMPLEMENTED.withDescription("hints are not supported: the zisk4j engine uses none")
        .asRuntimeException());
    return new Discard<>();
  }

  private static final class Discard<T> implements StreamObserver<T> {
    @Override
    public void onNext(T v) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}

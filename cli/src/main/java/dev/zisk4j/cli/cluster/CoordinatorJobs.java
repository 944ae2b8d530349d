package dev.zisk4j.cli.cluster;

import com.google.protobuf.ByteString;
import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.engine.segment.Bundle;
import dev.zisk4j.engine.segment.MalformedProofException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.coordinator.v1.ExecuteRequest;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobEvent;
import dev.zisk4j.proto.coordinator.v1.JobFailure;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobKindResponse;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.ProofKind;
import dev.zisk4j.proto.coordinator.v1.ProveRequest;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.WatchJobRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prove and execute jobs on a coordinator for {@code prove|execute --cluster}, over the client API's
 * generated stubs ({@code zisk.coordinator.v1.ZiskCoordinatorApi}, spec zisk.md §3.2).
 *
 * <p>Why not {@code ProverClient.remote}: it was not on main when these commands were built (brief:
 * use the stubs directly then). It does the same calls: RegisterGuestProgram, JobRequest with the
 * input inline, WatchJob for progress, WaitJobResult until a terminal state; a Ctrl-C (interrupt)
 * sends CancelJob. When the SDK client lands, {@code --cluster} should switch to it and this class go.
 * Failures are exit-coded as the {@code cluster} commands: 3 unreachable, 1 refused or failed.
 */
public final class CoordinatorJobs implements AutoCloseable {
  /** WaitJobResult's hold per call; the call's deadline is the hold + 10 s. */
  static final int WAIT_HOLD_SECONDS = 30;

  /** A completed prove job: the bundle (JZKB, as the embedded prover writes) and what the coordinator reported. */
  public record Proved(String jobId, byte[] bundle, long[] outputs, long steps, int segments, Duration time) {}

  /** A completed execute job. */
  public record Executed(String jobId, long[] outputs, long steps, Duration time) {}

  private final CoordinatorChannel channel;
  private final long callSeconds;

  /** @param callSeconds how long upload, submit and cancel may wait for the coordinator (then: unreachable) */
  public CoordinatorJobs(CoordinatorUrl url, long callSeconds) {
    this.channel = new CoordinatorChannel(url);
    this.callSeconds = callSeconds;
  }

  /**
   * Proves {@code image} on {@code input} (framed bytes), reporting each phase to {@code progress}.
   *
   * @throws CommandFailedException exit 3 if unreachable, 1 if refused, failed or cancelled
   */
  public Proved prove(ProgramImage image, byte[] input, Consumer<String> progress) throws InterruptedException {
    String hash = register(image);
    String job = submit(JobKind.newBuilder().setProve(ProveRequest.newBuilder().setHashId(hash)
        .setInput(inline(input)).setProofDest(ProofKind.PROOF_KIND_STARK)).build());
    Context.CancellableContext watch = watch(job, progress);
    try {
      var res = awaitResult(job).getProve();
      byte[] bundle = res.getProof().getData().toByteArray();
      int segments;
      try {
        segments = Bundle.decode(bundle).proofs().size();
      } catch (MalformedProofException e) {
        throw new CommandFailedException("job " + job + " returned a proof that is not a bundle: " + e.getMessage(), 1);
      }
      return new Proved(job, bundle, words(res.getProof().getPublicInputs()), res.getStats().getSteps(), segments,
          Duration.ofNanos(res.getStats().getDurationNanos()));
    } finally {
      watch.cancel(null);
    }
  }

  /**
   * Runs {@code image} on {@code input} on the coordinator, without proving.
   *
   * @throws CommandFailedException exit 3 if unreachable, 1 if refused, failed (a guest fault) or cancelled
   */
  public Executed execute(ProgramImage image, byte[] input) throws InterruptedException {
    String hash = register(image);
    String job = submit(JobKind.newBuilder().setExecute(ExecuteRequest.newBuilder().setHashId(hash)
        .setInput(inline(input))).build());
    var res = awaitResult(job).getExecute();
    return new Executed(job, words(res.getPublicOutputs()), res.getStats().getSteps(),
        Duration.ofNanos(res.getStats().getDurationNanos()));
  }

  private String register(ProgramImage image) {
    return channel.call("RegisterGuestProgram", () -> channel.client(callSeconds).withWaitForReady()
        .registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
            .setZiskElf(ByteString.copyFrom(image.encode())).build())).getHashId();
  }

  private String submit(JobKind kind) {
    return channel.call("JobRequest", () -> channel.client(callSeconds).withWaitForReady()
        .jobRequest(JobRequestMessage.newBuilder().setJobKind(kind).build())).getJobId();
  }

  private static InputKind inline(byte[] input) {
    return InputKind.newBuilder().setInline(InputChunk.newBuilder().setData(ByteString.copyFrom(input))).build();
  }

  /** Follows the job's events (replayed from the start) and reports each phase as it begins. */
  private Context.CancellableContext watch(String job, Consumer<String> progress) {
    Context.CancellableContext ctx = Context.current().withCancellation();
    ctx.run(() -> channel.clientAsync().watchJob(WatchJobRequest.newBuilder().setJobId(job).build(),
        new StreamObserver<>() {
          @Override
          public void onNext(JobEvent e) {
            if (e.hasProgress()) {
              progress.accept(e.getProgress().getPhase().name().replace("JOB_PHASE_", "").toLowerCase(Locale.ROOT));
            }
          }

          @Override
          public void onError(Throwable t) {
            // progress is informative only; WaitJobResult decides the outcome
          }

          @Override
          public void onCompleted() {}
        }));
    return ctx;
  }

  /** Long-polls until the job is terminal; an interrupt cancels the job on the coordinator. */
  private JobKindResponse awaitResult(String job) throws InterruptedException {
    while (true) {
      if (Thread.interrupted()) {
        cancel(job);
        throw new InterruptedException("interrupted; job " + job + " cancelled");
      }
      WaitJobResultResponse r = channel.call("WaitJobResult", () -> channel.client(WAIT_HOLD_SECONDS + 10L)
          .waitJobResult(WaitJobResultRequest.newBuilder().setJobId(job).setTimeoutSeconds(WAIT_HOLD_SECONDS)
              .build()));
      switch (r.getJobStatus().getStatusCase()) {
        case COMPLETED -> {
          if (!r.hasResult()) {
            throw new CommandFailedException("job " + job + " completed without a result", 1);
          }
          return r.getResult();
        }
        case FAILED -> throw new CommandFailedException("job " + job + " failed: "
            + failure(r.getJobStatus().getFailed().getFailure()), 1);
        case CANCELLED -> throw new CommandFailedException("job " + job + " was cancelled", 1);
        default -> {
          // queued, running or waiting for input: ask again
        }
      }
    }
  }

  private void cancel(String job) {
    try {
      channel.client(callSeconds).cancelJob(CancelJobRequest.newBuilder().setJobId(job).build());
    } catch (RuntimeException e) {
      // best effort: the coordinator's phase limits end an orphaned job anyway
    }
  }

  static String failure(JobFailure f) {
    return switch (f.getKindCase()) {
      case EXECUTION -> f.getExecution().getReason();
      case INPUT -> "input: " + f.getInput().getReason();
      case TIMEOUT -> "timeout in " + f.getTimeout().getPhase() + " after " + f.getTimeout().getLimit().getSeconds()
          + " s";
      case INTERNAL -> "internal error (trace " + f.getInternal().getTraceId() + ")";
      case CANCELLED -> "cancelled";
      default -> "unknown failure";
    };
  }

  private static long[] words(ByteString b) {
    ByteBuffer buf = b.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long[] w = new long[b.size() / 8];
    for (int i = 0; i < w.length; i++) {
      w[i] = buf.getLong();
    }
    return w;
  }

  @Override
  public void close() {
    channel.close();
  }
}

package dev.zisk4j.proverservice.grpc;

import dev.zisk4j.proto.zkprover.v1.GetProofRequest;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proverservice.queue.Lookup;
import dev.zisk4j.proverservice.queue.ProofScheduler;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GetProof stream: exactly one response per request, in request order, whatever happens
 * (unknown id, cancel, halt). A request for a pending proof waits up to its {@code timeout} seconds
 * for the proof to settle (0 answers at once), without holding a thread: waits are futures, and
 * the answers are chained so that a later request is answered after an earlier one.
 * Requests are handled by gRPC one at a time; {@code tail} is only touched there.
 */
final class GetProofStream implements StreamObserver<GetProofRequest> {
  private static final Logger log = LoggerFactory.getLogger(GetProofStream.class);
  static final int MAX_ID_CHARS = 64;

  private final ProofScheduler scheduler;
  private final Executor executor;
  private final ServerCallStreamObserver<GetProofResponse> out;
  private final long maxTimeoutSeconds;
  private final int maxOutstanding;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private int outstanding;

  GetProofStream(ProofScheduler scheduler, Executor executor, ServerCallStreamObserver<GetProofResponse> out,
      long maxTimeoutSeconds, int maxOutstanding) {
    this.scheduler = scheduler;
    this.executor = executor;
    this.out = out;
    this.maxTimeoutSeconds = maxTimeoutSeconds;
    this.maxOutstanding = maxOutstanding;
    out.setOnCancelHandler(() -> gone.complete(null));
  }

  @Override
  public void onNext(GetProofRequest req) {
    boolean overloaded;
    synchronized (this) {
      overloaded = outstanding >= maxOutstanding;
      outstanding++;
    }
    CompletableFuture<GetProofResponse> answer = overloaded
        ? CompletableFuture.completedFuture(error(req.getId(), "too many unanswered requests on this stream: max="
            + maxOutstanding))
        : null;
    tail = tail.thenComposeAsync(v -> answer != null ? answer : answer(req), executor)
        .exceptionally(e -> {
          log.warn("GetProof {} failed: {}", req.getId(), e.toString());
          return GetProofResponse.newBuilder().setId(req.getId())
              .setResult(ResultGetProof.RESULT_GET_PROOF_INTERNAL_ERROR).setResultString("internal error: "
                  + e.getMessage()).build();
        })
        .thenAccept(this::send)
        .exceptionally(e -> {
          log.debug("GetProof stream could not send: {}", e.toString());
          return null;
        });
  }

  private CompletableFuture<GetProofResponse> answer(GetProofRequest req) {
    String id = req.getId();
    if (id.isEmpty() || id.length() > MAX_ID_CHARS) {
      return CompletableFuture.completedFuture(error(id, "invalid UUID"));
    }
    if (Long.compareUnsigned(req.getTimeout(), maxTimeoutSeconds) > 0) {
      return CompletableFuture.completedFuture(error(id, "timeout=" + Long.toUnsignedString(req.getTimeout())
          + " exceeds max=" + maxTimeoutSeconds + " seconds"));
    }
    GetProofResponse now = respond(id);
    if (now.getResult() != ResultGetProof.RESULT_GET_PROOF_PENDING || req.getTimeout() == 0 || gone.isDone()) {
      return CompletableFuture.completedFuture(now);
    }
    CompletableFuture<Object> settled = CompletableFuture.anyOf(scheduler.whenSettled(id), gone)
        .completeOnTimeout(null, req.getTimeout(), TimeUnit.SECONDS);
    return settled.thenApplyAsync(v -> respond(id), executor);
  }

  private GetProofResponse respond(String id) {
    return switch (scheduler.lookup(id)) {
      case Lookup.Unknown u -> error(id, "invalid UUID");
      case Lookup.Pending p -> GetProofResponse.newBuilder().setId(id)
          .setResult(ResultGetProof.RESULT_GET_PROOF_PENDING).setResultString("pending").build();
      case Lookup.Final f -> f.response();
    };
  }

  private static GetProofResponse error(String id, String why) {
    return GetProofResponse.newBuilder().setId(id).setResult(ResultGetProof.RESULT_GET_PROOF_ERROR)
        .setResultString(why).build();
  }

  private void send(GetProofResponse r) {
    synchronized (this) {
      outstanding--;
    }
    if (!gone.isDone() && !out.isCancelled()) {
      out.onNext(r);
    }
  }

  @Override
  public void onError(Throwable t) {
    gone.complete(null);
  }

  @Override
  public void onCompleted() {
    tail = tail.thenRun(() -> {
      if (!gone.isDone() && !out.isCancelled()) {
        out.onCompleted();
      }
    });
  }
}

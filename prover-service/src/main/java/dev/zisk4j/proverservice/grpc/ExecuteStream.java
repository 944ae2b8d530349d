package dev.zisk4j.proverservice.grpc;

import dev.zisk4j.proto.zkprover.v1.ExecuteRequest;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse.ResultExecute;
import dev.zisk4j.proverservice.guest.Execution;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Execute stream: each request runs the guest without proving (outside the proof queue, as the
 * reference) and gets one response, in order. A client that goes away cancels the running execution.
 */
final class ExecuteStream implements StreamObserver<ExecuteRequest> {
  private static final Logger log = LoggerFactory.getLogger(ExecuteStream.class);

  private final Execution execution;
  private final Executor executor;
  private final ServerCallStreamObserver<ExecuteResponse> out;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  ExecuteStream(Execution execution, Executor executor, ServerCallStreamObserver<ExecuteResponse> out) {
    this.execution = execution;
    this.executor = executor;
    this.out = out;
    out.setOnCancelHandler(() -> gone.complete(null));
  }

  @Override
  public void onNext(ExecuteRequest req) {
    tail = tail.thenApplyAsync(v -> gone.isDone() ? null : run(req), executor)
        .thenAccept(r -> {
          if (r != null && !gone.isDone() && !out.isCancelled()) {
            out.onNext(r);
          }
        })
        .exceptionally(e -> {
          log.debug("Execute stream could not send: {}", e.toString());
          return null;
        });
  }

  private ExecuteResponse run(ExecuteRequest req) {
    try {
      return execution.execute(req.getInput(), gone);
    } catch (RuntimeException e) {
      log.warn("Execute failed: {}", e.toString(), e);
      return ExecuteResponse.newBuilder().setResult(ResultExecute.RESULT_EXECUTE_INTERNAL_ERROR)
          .addLogs("internal error: " + e.getMessage()).build();
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

package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * One ProverStream call: inbound messages are posted to the dispatcher, outbound ones are written
 * by the dispatcher thread only. {@link #session} is null until a register/reconnect is accepted.
 */
final class ProverConnection implements StreamObserver<ProverMessage> {
  private final Dispatcher dispatcher;
  private final StreamObserver<CoordinatorMessage> out;
  final String remote;
  /** Who opened the stream: a worker identity may be bound to a prover-id prefix. */
  final dev.zisk4j.cluster.auth.Caller caller;
  /** Dispatcher-thread state. */
  WorkerSession session;
  private boolean closed;

  ProverConnection(Dispatcher dispatcher, StreamObserver<CoordinatorMessage> out, String remote,
      dev.zisk4j.cluster.auth.Caller caller) {
    this.dispatcher = dispatcher;
    this.out = out;
    this.remote = remote;
    this.caller = caller;
  }

  @Override
  public void onNext(ProverMessage m) {
    dispatcher.post(() -> dispatcher.onMessage(this, m));
  }

  @Override
  public void onError(Throwable t) {
    dispatcher.post(() -> dispatcher.onClosed(this, "stream error: " + Status.fromThrowable(t)));
  }

  @Override
  public void onCompleted() {
    dispatcher.post(() -> {
      dispatcher.onClosed(this, "stream completed by the prover");
      close(Status.OK);
    });
  }

  /** Dispatcher thread only. */
  void send(CoordinatorMessage m) {
    if (closed) {
      return;
    }
    try {
      out.onNext(m);
    } catch (RuntimeException e) {
      closed = true;
      dispatcher.post(() -> dispatcher.onClosed(this, "send failed: " + e.getMessage()));
    }
  }

  /** Ends the call with {@code s} (OK = completed). Dispatcher thread only; idempotent. */
  void close(Status s) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (s.isOk()) {
        out.onCompleted();
      } else {
        out.onError(s.asRuntimeException());
      }
    } catch (RuntimeException ignored) {
      // the call is already gone
    }
    if (session != null) {
      // a stream the coordinator ends frees its session (a no-op if it was already dropped)
      dispatcher.post(() -> dispatcher.onClosed(this, "closed by the coordinator: " + s.getCode()));
    }
  }

  boolean closed() {
    return closed;
  }

  StreamObserver<CoordinatorMessage> out() {
    return out;
  }
}

package dev.zisk4j.cluster;

import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** A hand-driven ProverStream: the test writes messages and reads what the coordinator answers. */
final class RawProver {
  final LinkedBlockingQueue<CoordinatorMessage> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Throwable> ended = new CompletableFuture<>();
  final StreamObserver<ProverMessage> out;

  RawProver(ManagedChannel channel, BiConsumer<RawProver, CoordinatorMessage> onMessage) {
    out = ZiskDistributedApiGrpc.newStub(channel).proverStream(new StreamObserver<>() {
      @Override
      public void onNext(CoordinatorMessage m) {
        received.add(m);
        if (onMessage != null) {
          onMessage.accept(RawProver.this, m);
        }
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(t);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    });
  }

  synchronized void send(ProverMessage m) {
    out.onNext(m);
  }

  /** The next message of the given case, skipping heartbeats and others. */
  CoordinatorMessage next(CoordinatorMessage.MessageCase c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      CoordinatorMessage m = received.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && m.getMessageCase() == c) {
        return m;
      }
    }
    throw new AssertionError("no " + c + " within 10 s");
  }
}

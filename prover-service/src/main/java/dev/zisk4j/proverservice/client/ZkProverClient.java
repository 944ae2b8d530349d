package dev.zisk4j.proverservice.client;

import dev.zisk4j.proto.zkprover.v1.CancelRequest;
import dev.zisk4j.proto.zkprover.v1.CancelResponse;
import dev.zisk4j.proto.zkprover.v1.ExecuteRequest;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.GenProofRequest;
import dev.zisk4j.proto.zkprover.v1.GenProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofRequest;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.GetStatusRequest;
import dev.zisk4j.proto.zkprover.v1.GetStatusResponse;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.ZKProverServiceGrpc;
import dev.zisk4j.proverservice.grpc.ErrorDetail;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A blocking Java client of {@code zkprover.v1.ZKProverService} (plaintext, as the reference).
 * Every call has a deadline; failures of the transport surface as {@link StatusRuntimeException}.
 * Thread-safe; one channel per client.
 */
public final class ZkProverClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final Duration callTimeout;

  /** What a unary call answered, with the server's {@code zisk4j-error} trailer if it sent one. */
  public record Answer<T>(T response, Optional<String> errorDetail) {}

  /**
   * @param target {@code host:port}
   * @param maxMessageBytes largest response accepted
   */
  public ZkProverClient(String target, int maxMessageBytes, Duration callTimeout) {
    this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().maxInboundMessageSize(maxMessageBytes).build();
    this.callTimeout = callTimeout;
  }

  private ZKProverServiceGrpc.ZKProverServiceBlockingStub blocking(AtomicReference<Metadata> trailers) {
    return ZKProverServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
            MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers)))
        .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Optional<String> detail(AtomicReference<Metadata> trailers) {
    Metadata m = trailers.get();
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(ErrorDetail.KEY));
  }

  public GetStatusResponse status() {
    return blocking(new AtomicReference<>()).getStatus(GetStatusRequest.getDefaultInstance());
  }

  public Answer<GenProofResponse> genProof(InputProver input) {
    AtomicReference<Metadata> t = new AtomicReference<>();
    GenProofResponse r = blocking(t).genProof(GenProofRequest.newBuilder().setInput(input).build());
    return new Answer<>(r, detail(t));
  }

  public Answer<CancelResponse> cancel(String id) {
    AtomicReference<Metadata> t = new AtomicReference<>();
    CancelResponse r = blocking(t).cancel(CancelRequest.newBuilder().setId(id).build());
    return new Answer<>(r, detail(t));
  }

  /**
   * Opens one GetProof stream, as the zkevm-node aggregator does, and polls it: each round asks
   * with {@code timeoutSeconds} and reads the one answer, until the answer is not PENDING or
   * {@code maxWait} has passed (then the last PENDING answer is returned).
   */
  public GetProofResponse getProof(String id, long timeoutSeconds, Duration maxWait) throws InterruptedException {
    Replies<GetProofResponse> answers = new Replies<>("GetProof");
    StreamObserver<GetProofRequest> out = ZKProverServiceGrpc.newStub(channel).getProof(answers);
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      while (true) {
        long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L);
        out.onNext(GetProofRequest.newBuilder().setId(id).setTimeout(Math.min(timeoutSeconds, left)).build());
        GetProofResponse r = answers.next(Duration.ofSeconds(Math.min(timeoutSeconds, left) + callTimeout.toSeconds()));
        if (r.getResult() != ResultGetProof.RESULT_GET_PROOF_PENDING || System.nanoTime() >= deadline) {
          return r;
        }
      }
    } finally {
      out.onCompleted();
    }
  }

  /** Runs one Execute on its own stream. */
  public ExecuteResponse execute(InputProver input, Duration maxWait) throws InterruptedException {
    Replies<ExecuteResponse> answers = new Replies<>("Execute");
    StreamObserver<ExecuteRequest> out = ZKProverServiceGrpc.newStub(channel).execute(answers);
    try {
      out.onNext(ExecuteRequest.newBuilder().setInput(input).build());
      return answers.next(maxWait);
    } finally {
      out.onCompleted();
    }
  }

  /** The answers of one stream, taken one at a time; the stream's end or error is an answer too. */
  private static final class Replies<T> implements StreamObserver<T> {
    private final String rpc;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    Replies(String rpc) {
      this.rpc = rpc;
    }

    @Override
    public void onNext(T r) {
      queue.add(r);
    }

    @Override
    public void onError(Throwable t) {
      queue.add(t);
    }

    @Override
    public void onCompleted() {
      queue.add(new IllegalStateException("the server closed the " + rpc + " stream before answering"));
    }

    @SuppressWarnings("unchecked")
    T next(Duration wait) throws InterruptedException {
      Object a = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (a == null) {
        throw new IllegalStateException("no " + rpc + " answer within " + wait);
      }
      if (a instanceof StatusRuntimeException e) {
        throw e;
      }
      if (a instanceof Throwable e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      return (T) a;
    }
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

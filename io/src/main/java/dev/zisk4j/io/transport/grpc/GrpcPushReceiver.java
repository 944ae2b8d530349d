package dev.zisk4j.io.transport.grpc;

import com.google.protobuf.Empty;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of {@code PushJobInput}: a gRPC server (or a service to add to one) that turns
 * each job's pushed chunks into an {@link InputStream} (EOF when the client half-closes).
 *
 * <p>It serves only {@code PushJobInput}; the other {@code ZiskCoordinatorApi} RPCs answer
 * UNIMPLEMENTED. The coordinator can extend {@link Service} or mount it beside its own services.
 * Pushes and readers of one job id are paired in arrival order: the n-th {@link #input(String)}
 * of a job reads its n-th push. Memory per push is bounded: past {@link PushInput#HIGH_WATER_BYTES}
 * buffered the server stops requesting messages, so gRPC flow control holds the client back.
 *
 * <p>Errors: a request whose {@code job_id} is blank or differs from the call's first gets
 * INVALID_ARGUMENT; a chunk larger than the inbound limit gets RESOURCE_EXHAUSTED (gRPC); a reader
 * that closes before the end cancels the push with CANCELLED.
 */
public final class GrpcPushReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcPushReceiver.class);

  private final Service service;
  private final Server server;
  private boolean closed;

  private GrpcPushReceiver(Service service, Server server) {
    this.service = service;
    this.server = server;
  }

  /**
   * Starts a plaintext server on {@code port} (0 picks a free port, see {@link #port()}).
   *
   * @throws IOException if the port cannot be bound
   */
  public static GrpcPushReceiver start(int port) throws IOException {
    Service service = new Service();
    Server server = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
        .addService(service)
        .maxInboundMessageSize(GrpcPushTransport.DEFAULT_MAX_INBOUND_BYTES)
        .build()
        .start();
    LOG.debug("gRPC push receiver listening: port={}", server.getPort());
    return new GrpcPushReceiver(service, server);
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** {@code localhost:port}, a target for {@link GrpcPushProducerTransport#builder}. */
  public String target() {
    return "localhost:" + port();
  }

  /** The gRPC service, to mount on another server. */
  public Service service() {
    return service;
  }

  /** The input of the next push of {@code jobId}, as bytes arrive; EOF at the push's end. */
  public InputStream input(String jobId) {
    return service.input(jobId);
  }

  /** Stops accepting calls, cancels running ones, waits up to 5 s; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code PushJobInput} bound to per-job {@link PushInput}s. */
  public static class Service extends ZiskCoordinatorApiGrpc.ZiskCoordinatorApiImplBase {
    private final Map<String, ArrayDeque<PushInput>> unclaimed = new HashMap<>();
    private final Map<String, ArrayDeque<PushInput>> awaiting = new HashMap<>();

    /** The input of the next push of {@code jobId} (pairs readers with pushes in arrival order). */
    public synchronized InputStream input(String jobId) {
      ArrayDeque<PushInput> arrived = unclaimed.get(jobId);
      if (arrived != null && !arrived.isEmpty()) {
        return arrived.poll();
      }
      PushInput input = new PushInput(jobId);
      awaiting.computeIfAbsent(jobId, k -> new ArrayDeque<>()).add(input);
      return input;
    }

    private synchronized PushInput claimForPush(String jobId) {
      ArrayDeque<PushInput> readers = awaiting.get(jobId);
      if (readers != null && !readers.isEmpty()) {
        return readers.poll();
      }
      PushInput input = new PushInput(jobId);
      unclaimed.computeIfAbsent(jobId, k -> new ArrayDeque<>()).add(input);
      return input;
    }

    @Override
    public StreamObserver<PushJobInputRequest> pushJobInput(StreamObserver<Empty> responseObserver) {
      var call = (ServerCallStreamObserver<Empty>) responseObserver;
      call.disableAutoRequest();
      call.request(1);
      return new StreamObserver<>() {
        private PushInput input;
        private boolean rejected;

        @Override
        public void onNext(PushJobInputRequest request) {
          if (rejected) {
            return;
          }
          String jobId = request.getJobId();
          if (jobId.isBlank() || input != null && !input.jobId().equals(jobId)) {
            String reason = "job_id must be set and equal on every request: got jobId=" + jobId
                + (input == null ? "" : ", expected=" + input.jobId());
            Status status = Status.INVALID_ARGUMENT.withDescription(reason);
            if (input != null) {
              input.fail(new IOException("push rejected: " + reason), status);
            } else {
              call.onError(status.asRuntimeException());
            }
            rejected = true;
            return;
          }
          if (input == null) {
            input = claimForPush(jobId);
            input.attach(call);
          }
          input.append(request.getChunk().getData());
        }

        @Override
        public void onError(Throwable t) {
          if (input != null) {
            input.fail(new IOException("push of job " + input.jobId() + " aborted by client: "
                + Status.fromThrowable(t).getCode()), null);
          }
        }

        @Override
        public void onCompleted() {
          if (rejected) {
            return;
          }
          if (input != null) {
            input.end();
          } else {
            // Without a request there is no job id to attach the end to (producers send an
            // empty chunk for an empty job, see GrpcPushProducerTransport#endJob).
            call.onError(Status.INVALID_ARGUMENT
                .withDescription("push carried no request, so no job_id").asRuntimeException());
          }
        }
      };
    }
  }
}

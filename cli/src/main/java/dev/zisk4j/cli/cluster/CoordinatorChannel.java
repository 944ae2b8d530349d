package dev.zisk4j.cli.cluster;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A plaintext channel to a coordinator for the CLI's client commands, and the one place that turns
 * gRPC failures into the cluster commands' exit codes: unreachable (UNAVAILABLE, DEADLINE_EXCEEDED)
 * is {@link #EXIT_UNREACHABLE}, any other status {@link #EXIT_API_ERROR}.
 */
final class CoordinatorChannel implements AutoCloseable {
  /** The coordinator answered with an error (in-band ErrorResponse or a gRPC status). */
  static final int EXIT_API_ERROR = 1;
  /** The coordinator could not be reached. */
  static final int EXIT_UNREACHABLE = 3;
  /** Largest answer accepted: a proof bundle fits (the coordinator's own inbound limit, cluster.md §1.3). */
  static final int MAX_MESSAGE_BYTES = 136 << 20;

  private final CoordinatorUrl url;
  private final ManagedChannel channel;

  CoordinatorChannel(CoordinatorUrl url) {
    this.url = url;
    this.channel = NettyChannelBuilder.forAddress(url.host(), url.port()).usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
  }

  CoordinatorUrl url() {
    return url;
  }

  /** The admin API, each call bounded by {@code seconds}. */
  ZiskDistributedApiGrpc.ZiskDistributedApiBlockingStub admin(long seconds) {
    return ZiskDistributedApiGrpc.newBlockingStub(channel).withDeadlineAfter(seconds, TimeUnit.SECONDS);
  }

  /** The client API, each call bounded by {@code seconds}. */
  ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub client(long seconds) {
    return ZiskCoordinatorApiGrpc.newBlockingStub(channel).withDeadlineAfter(seconds, TimeUnit.SECONDS);
  }

  /** The client API's async stub (WatchJob), without a deadline: the caller cancels it. */
  ZiskCoordinatorApiGrpc.ZiskCoordinatorApiStub clientAsync() {
    return ZiskCoordinatorApiGrpc.newStub(channel);
  }

  /**
   * Runs one call.
   *
   * @throws CommandFailedException exit 3 if the coordinator is unreachable, 1 for any other gRPC error
   */
  <T> T call(String rpc, Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw failure(rpc, e);
    }
  }

  /** The exit-coded failure for a gRPC error of {@code rpc}. */
  CommandFailedException failure(String rpc, StatusRuntimeException e) {
    Status s = e.getStatus();
    boolean unreachable = s.getCode() == Status.Code.UNAVAILABLE || s.getCode() == Status.Code.DEADLINE_EXCEEDED;
    String why = s.getDescription() != null ? s.getDescription()
        : s.getCause() != null ? s.getCause().getMessage() : "";
    if (unreachable) {
      return new CommandFailedException("coordinator " + url + " unreachable (" + rpc + ": " + s.getCode()
          + (why == null || why.isEmpty() ? "" : ": " + why) + ")", EXIT_UNREACHABLE);
    }
    return new CommandFailedException(rpc + " failed: " + s.getCode() + (why == null || why.isEmpty() ? "" : ": " + why),
        EXIT_API_ERROR);
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

package dev.zisk4j.cluster;

import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.cluster.coordinator.CoordinatorServer;
import dev.zisk4j.cluster.store.InMemoryJobStore;
import dev.zisk4j.cluster.worker.Worker;
import dev.zisk4j.cluster.worker.WorkerConfig;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real coordinator on an ephemeral loopback port, real workers, and client stubs. */
final class ClusterFixture implements AutoCloseable {
  final CoordinatorServer server;
  final InMemoryJobStore store = new InMemoryJobStore();
  final ManagedChannel channel;
  final List<Worker> workers = new ArrayList<>();
  final ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub client;
  final ZiskDistributedApiGrpc.ZiskDistributedApiBlockingStub admin;

  ClusterFixture(CoordinatorConfig config) {
    this(config, null);
  }

  /** With {@code metrics}, the coordinator also serves /metrics and /health over HTTP. */
  ClusterFixture(CoordinatorConfig config, dev.zisk4j.cluster.coordinator.MetricsConfig metrics) {
    server = CoordinatorServer.start(config, store, metrics);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
        .maxInboundMessageSize(136 << 20).build();
    client = ZiskCoordinatorApiGrpc.newBlockingStub(channel);
    admin = ZiskDistributedApiGrpc.newBlockingStub(channel);
  }

  static CoordinatorConfig config() {
    return CoordinatorConfig.defaults().withHost("127.0.0.1").withPort(0).withHeartbeat(Duration.ofMillis(500))
        .withProveOptions(Guests.OPTIONS)
        .withFaults(new CoordinatorConfig.Faults(Duration.ofSeconds(1), 3, Duration.ofHours(1)));
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  Worker addWorker(String id, int capacity) throws InterruptedException {
    Worker w = Worker.start(new WorkerConfig(url(), java.util.Optional.ofNullable(id), capacity, 1,
        Duration.ofMillis(500)));
    if (!w.awaitRegistered(10, TimeUnit.SECONDS)) {
      w.close();
      throw new AssertionError("worker did not register");
    }
    workers.add(w);
    return w;
  }

  @Override
  public void close() throws InterruptedException {
    for (Worker w : workers) {
      w.close();
    }
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }
}

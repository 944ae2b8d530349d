package dev.zisk4j.sdk;

import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.cluster.coordinator.CoordinatorServer;
import dev.zisk4j.cluster.store.InMemoryJobStore;
import dev.zisk4j.cluster.worker.Worker;
import dev.zisk4j.cluster.worker.WorkerConfig;
import dev.zisk4j.engine.api.ProveOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real coordinator on an ephemeral loopback port and one real worker, proving with {@code options}. */
final class LocalCluster implements AutoCloseable {
  final CoordinatorServer server;
  final Worker worker;

  LocalCluster(ProveOptions options) throws InterruptedException {
    server = CoordinatorServer.start(CoordinatorConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withHeartbeat(Duration.ofMillis(500)).withProveOptions(options), new InMemoryJobStore());
    worker = Worker.start(new WorkerConfig(url(), Optional.of("w0"), 1, 1, Duration.ofMillis(500)));
    if (!worker.awaitRegistered(10, TimeUnit.SECONDS)) {
      close();
      throw new AssertionError("the worker did not register");
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    worker.close();
    server.close();
  }
}

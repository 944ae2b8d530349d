package dev.zisk4j.cli.cluster;

import dev.zisk4j.cli.BadValue;
import dev.zisk4j.cli.datastream.Running;
import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.cluster.coordinator.CoordinatorServer;
import dev.zisk4j.cluster.store.InMemoryJobStore;
import dev.zisk4j.cluster.worker.Worker;
import dev.zisk4j.cluster.worker.WorkerConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j cluster local --workers N}: a coordinator and N workers in this process, talking real
 * gRPC over loopback, until Ctrl-C. For trying the cluster commands and for development: the same
 * code paths as a multi-machine cluster, with one JVM's cores shared by all workers.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Run a coordinator and N workers in this process on 127.0.0.1 until Ctrl-C; prints the "
        + "coordinator URL and example commands.",
        "The coordinator options are 'zisk4j coordinator's (jobs kept in memory)."})
public final class ClusterLocalCommand implements Callable<Integer> {
  /** Longest wait for the workers' registration before giving up. */
  static final long REGISTER_SECONDS = 30;

  @Spec CommandSpec spec;

  @Mixin CoordinatorCommand.CoordinatorOptions coordinator = new CoordinatorCommand.CoordinatorOptions();

  @Option(names = "--workers", paramLabel = "N", description = "Workers to start (default 2).")
  int workers = 2;

  @Option(names = "--capacity", paramLabel = "N", description = "Compute units of each worker (default 1).")
  int capacity = 1;

  @Option(names = "--engine-threads", paramLabel = "N",
      description = "Engine threads of each worker (default: the cores divided among the workers, at least 1).")
  Integer engineThreads;

  @Option(names = "--port", paramLabel = "PORT", description = "Coordinator port (default 8080; 0 = any free port).")
  int port = CoordinatorConfig.DEFAULT_PORT;

  @Override
  public Integer call() throws Exception {
    try (Running r = start()) {
      r.awaitShutdown();
    }
    return 0;
  }

  /** Starts the coordinator and the workers, prints the URL and examples; returns them running. */
  Running start() throws Exception {
    CommandLine cmd = spec.commandLine();
    if (workers < 1 || workers > 64) {
      throw BadValue.of(cmd, "--workers", workers, "1..64");
    }
    if (capacity < 1 || capacity > 4096) {
      throw BadValue.of(cmd, "--capacity", capacity, "1..4096");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = engineThreads != null ? engineThreads : Math.max(1, cores / workers);
    if (threads < 1 || threads > 1024) {
      throw BadValue.of(cmd, "--engine-threads", threads, "1..1024");
    }
    if (port < 0 || port > 65535) {
      throw BadValue.of(cmd, "--port", port, "0..65535 (0 = any free port)");
    }
    CoordinatorConfig cfg = coordinator.config(cmd).withHost("127.0.0.1").withPort(port);
    Running running = new Running();
    try {
      CoordinatorServer server = running.add(CoordinatorServer.start(cfg, new InMemoryJobStore()));
      CoordinatorUrl url = new CoordinatorUrl("127.0.0.1", server.port());
      PrintWriter out = cmd.getOut();
      coordinator.registerProgram(server, out);
      List<Worker> started = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        started.add(running.add(Worker.start(new WorkerConfig(url.toString(), Optional.of("local-" + (i + 1)),
            capacity, threads, cfg.heartbeatInterval()))));
      }
      for (Worker w : started) {
        if (!w.awaitRegistered(REGISTER_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("worker " + w.proverId() + " did not register with " + url + " within "
              + REGISTER_SECONDS + " s");
        }
      }
      out.println("coordinator: " + url);
      out.println("workers: " + workers + " x " + capacity + " compute unit(s), " + threads + " engine thread(s) each ("
          + String.join(", ", started.stream().map(Worker::proverId).toList()) + ")");
      out.println("segments: 2^" + cfg.proveOptions().logRows() + " rows, " + coordinator.security);
      out.println("try:");
      out.println("  zisk4j prove examples/guests/fib.zasm --u64 90 --cluster " + url + " -o p.bin");
      out.println("  zisk4j verify examples/guests/fib.zasm p.bin --u64 90");
      out.println("  zisk4j execute examples/guests/fib.zasm --u64 90 --cluster " + url);
      out.println("  zisk4j cluster status --url " + url);
      out.println("  zisk4j cluster workers --url " + url);
      out.println("  zisk4j cluster jobs --all --url " + url);
      out.println("  grpcurl -plaintext " + url.target() + " zisk.distributed.api.v1.ZiskDistributedApi/SystemStatus");
      out.println("Ctrl-C stops the cluster.");
      out.flush();
      return running;
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
  }
}

package dev.zisk4j.cli.cluster;

import dev.zisk4j.cli.BadValue;
import dev.zisk4j.cli.config.ConfigFileOption;
import dev.zisk4j.cli.config.ResolvedSettings;
import dev.zisk4j.cli.config.ServerConfiguration;
import dev.zisk4j.cluster.worker.Worker;
import dev.zisk4j.cluster.worker.WorkerConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j worker}: a prover that connects to a coordinator and proves the segment tasks it is
 * given (cluster.md §7). Waits for the coordinator if it is not up yet; exits 0 after a drain, the
 * coordinator's {@code Shutdown} ({@code zisk4j cluster drain ID}) or SIGTERM (30 s grace).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run a proving worker for a zisk4j coordinator; exits 0 after a drain (zisk4j cluster drain ID, "
        + "or SIGTERM: running tasks get --grace-seconds to finish).",
        "Settings: flags > ZISK4J_WORKER_<KEY> environment > --config TOML file > defaults."})
public final class WorkerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  /** This server's name in configuration: environment ZISK4J_WORKER_<KEY>, TOML keys as the flags. */
  static final ServerConfiguration CONFIG = ServerConfiguration.forServer("worker");

  @Spec CommandSpec spec;

  @Mixin ConfigFileOption config = new ConfigFileOption();

  @Option(names = "--coordinator", paramLabel = "URL",
      description = "The coordinator, http://HOST:PORT (required; may come from the environment or the file).")
  String coordinator;

  @Mixin WorkerOptions options = new WorkerOptions();

  @Option(names = "--id", paramLabel = "ID", description = "Prover id (default: the coordinator assigns one).")
  String id;

  @Option(names = "--heartbeat-ms", paramLabel = "MS",
      description = "How often the worker reports liveness from its own thread (default 5000).")
  long heartbeatMs = 5000;

  @Option(names = "--grace-seconds", paramLabel = "S",
      description = "On SIGTERM, how long running tasks may take to finish and be delivered (default 30).")
  int graceSeconds = 30;

  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    ResolvedSettings settings = CONFIG.apply(spec, config.file(), env, spec.commandLine().getErr());
    CommandLine cmd = spec.commandLine();
    if (coordinator == null) {
      throw new CommandLine.ParameterException(cmd, "no coordinator: give --coordinator http://HOST:PORT (or "
          + CONFIG.envName("coordinator") + ", or coordinator = \"...\" in the --config file)");
    }
    CoordinatorUrl url;
    try {
      url = CoordinatorUrl.parse(coordinator);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, "--coordinator: " + e.getMessage());
    }
    if (graceSeconds < 1) {
      throw BadValue.of(cmd, "--grace-seconds", graceSeconds, "1 or more");
    }
    if (id != null && id.isBlank()) {
      throw BadValue.of(cmd, "--id", id, "a non-blank prover id");
    }
    WorkerConfig cfg = options.config(cmd, url, Optional.ofNullable(id), heartbeatMs);
    log.info(settings.summary());
    PrintWriter out = cmd.getOut();
    Worker worker = Worker.start(cfg);
    Thread hook = Thread.ofPlatform().unstarted(() -> {
      worker.shutdown(Duration.ofSeconds(graceSeconds));
      try {
        worker.awaitStopped(graceSeconds + 10L, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      worker.close();
    });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.println("worker connecting to " + url + " with " + cfg.capacity() + " compute unit(s), "
          + cfg.engineThreads() + " engine thread(s)");
      out.flush();
      while (!worker.awaitRegistered(10, TimeUnit.SECONDS)) {
        if (worker.awaitStopped(0, TimeUnit.SECONDS)) {
          return 0;
        }
        log.info("still waiting for the coordinator at {} to accept this worker", url);
      }
      out.println("registered as " + worker.proverId());
      out.flush();
      worker.awaitStopped(Long.MAX_VALUE, TimeUnit.DAYS);
      out.println("worker " + worker.proverId() + " drained and stopped");
      out.flush();
      return 0;
    } finally {
      worker.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook is running
      }
    }
  }

  /** A worker's capacity and engine settings, shared by {@code worker} and {@code cluster local}. */
  static final class WorkerOptions {
    @Option(names = "--capacity", paramLabel = "N",
        description = "Compute units: tasks proved at once (default: half the cores, at least 1).")
    int capacity = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    @Option(names = "--engine-threads", paramLabel = "N",
        description = "Threads of the engine pool the tasks share (default: one per core).")
    int engineThreads = Math.max(1, Runtime.getRuntime().availableProcessors());

    WorkerConfig config(CommandLine cmd, CoordinatorUrl url, Optional<String> id, long heartbeatMs) {
      if (capacity < 1 || capacity > 4096) {
        throw BadValue.of(cmd, "--capacity", capacity, "1..4096");
      }
      if (engineThreads < 1 || engineThreads > 1024) {
        throw BadValue.of(cmd, "--engine-threads", engineThreads, "1..1024");
      }
      if (heartbeatMs < 10 || heartbeatMs > 600_000) {
        throw BadValue.of(cmd, "--heartbeat-ms", heartbeatMs, "10..600000");
      }
      return new WorkerConfig(url.toString(), id, capacity, engineThreads, Duration.ofMillis(heartbeatMs));
    }
  }
}

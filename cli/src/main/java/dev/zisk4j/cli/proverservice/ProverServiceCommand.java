package dev.zisk4j.cli.proverservice;

import dev.zisk4j.cli.config.ConfigFileOption;
import dev.zisk4j.cli.config.ResolvedSettings;
import dev.zisk4j.cli.config.ServerConfiguration;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.proverservice.ProverService;
import dev.zisk4j.proverservice.ServiceConfig;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.guest.RollupGuest;
import dev.zisk4j.proverservice.queue.SchedulerConfig;
import dev.zisk4j.proverservice.rollup.RollupTransition;
import dev.zisk4j.proverservice.store.RequestStore;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.ProverClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j prover-service}: the {@code zkprover.v1.ZKProverService} server (gRPC, default port
 * 50051) with Prometheus {@code /metrics} and {@code /health} (default 9091), requests persisted in
 * {@code --data-dir}. Runs until Ctrl-C / SIGTERM, then shuts down gracefully.
 */
@Command(name = "prover-service", mixinStandardHelpOptions = true,
    description = {"Serve zkprover.v1.ZKProverService: queue, prove and report rollup batches (prover-service/BATCH.md).",
        "Settings: flags > ZISK4J_PROVER_SERVICE_<KEY> environment > --config TOML file > defaults.",
        "Prints 'ready' once the guest is set up (GetStatus says BOOTING until then)."})
public final class ProverServiceCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ProverServiceCommand.class);
  @Spec CommandSpec spec;

  /** This server's name in configuration: environment ZISK4J_PROVER_SERVICE_<KEY>, TOML keys as the flags. */
  static final ServerConfiguration CONFIG = ServerConfiguration.forServer("prover-service");

  @Mixin ConfigFileOption config = new ConfigFileOption();

  Map<String, String> env = System.getenv();

  @Option(names = "--port", paramLabel = "PORT", description = "gRPC port (default 50051; 0 = any free port).")
  int port = ServiceConfig.DEFAULT_PORT;

  @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 0.0.0.0).")
  String bind = "0.0.0.0";

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Prometheus /metrics and /health port (default 9091; -1 = off).")
  int metricsPort = 9091;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where requests and proofs are kept (default prover-service-data).")
  Path dataDir = Path.of("prover-service-data");

  @Option(names = "--db", paramLabel = "JDBC-URL",
      description = "Request store: jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P (credentials in the URL; "
          + "set it in the environment, ZISK4J_PROVER_SERVICE_DB, to keep them off the command line) or jdbc:h2:…; "
          + "default: embedded H2 in --data-dir.")
  String db;

  @Option(names = "--guest", paramLabel = "FILE",
      description = "Guest program (.zasm or image) following BATCH.md's guest contract (default: the rollup guest).")
  Path guest;

  @Option(names = "--backend", paramLabel = "URL",
      description = "embedded (default: prove in this process) or grpc://HOST:PORT of a zisk4j coordinator.")
  String backend = "embedded";

  @Option(names = "--concurrency", paramLabel = "N", description = "Proofs computed at once (default 1).")
  int concurrency = 1;

  @Option(names = "--retention-seconds", paramLabel = "S", description = "Keep finished requests this long (default 3600).")
  long retentionSeconds = 3600;

  @Option(names = "--max-message-bytes", paramLabel = "N", description = "Largest gRPC message accepted (default 16777216).")
  int maxMessageBytes = 16 << 20;

  @Option(names = "--segment-rows", paramLabel = "LOG2", description = "Segments of 2^LOG2 rows (10..22, default 16).")
  int segmentRows = 16;

  @Option(names = "--security", paramLabel = "PROFILE",
      description = "Prove at and accept proofs worth: default (= conjectured-100: >= 100 conjectured, >= 50 proven bits) "
          + "or proven-100 (cubic extension, 60 queries: >= 100 proven bits; slower).")
  String security = "default";

  @Option(names = "--threads", paramLabel = "N", description = "Threads for proving (default: one per core).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    try (Started s = start()) {
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
        s.close();
        stop.countDown();
      }));
      stop.await();
    }
    return 0;
  }

  /** What a running server holds, closed in reverse order of start. */
  record Started(ProverService service, RequestStore store, MetricsEndpoint metrics) implements AutoCloseable {
    @Override
    public void close() {
      if (metrics != null) {
        metrics.close();
      }
      service.close();
      store.close();
    }
  }

  private ProverClient client(ProveOptions options) {
    if ("embedded".equals(backend)) {
      return ProverClient.embedded().options(options).threads(threads).build();
    }
    if (!backend.startsWith("grpc://")) {
      throw new IllegalArgumentException("--backend must be embedded or grpc://HOST:PORT: backend=" + backend);
    }
    try {
      return ProverClient.remote(backend).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--backend " + backend + ": " + e.getMessage(), e);
    }
  }

  Started start() throws Exception {
    ResolvedSettings settings = CONFIG.apply(spec, config.file(), env, spec.commandLine().getErr());
    log.info(settings.summary());
    GuestProgram program = guest == null ? RollupGuest.load() : GuestProgram.fromFile(guest);
    SecurityProfile profile = ServiceConfig.securityProfile(security);
    ProveOptions options = ProveOptions.standard().withLogRows(segmentRows).withSecurity(profile);
    ServiceConfig cfg = ServiceConfig.defaults().withBind(bind, port).withMaxMessageBytes(maxMessageBytes)
        .withSecurity(profile)
        .withScheduler(SchedulerConfig.defaults().withConcurrency(concurrency)
            .withRetention(Duration.ofSeconds(retentionSeconds)));
    ProverClient client = client(options);
    RequestStore store;
    try {
      if (db == null) {
        Files.createDirectories(dataDir);
        store = RequestStore.openH2(dataDir);
      } else {
        store = RequestStore.open(db, null, null);
      }
    } catch (Exception | Error e) {
      client.close();
      throw e;
    }
    PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
    ProverService service;
    try {
      service = ProverService.start(cfg, new ProvingBackend(client, program, profile.policy()), store,
          Optional.of(new RollupTransition()), registry, Clock.systemUTC());
    } catch (RuntimeException e) {
      client.close();
      store.close();
      throw e;
    }
    MetricsEndpoint metrics = null;
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println("prover-service listening on port " + service.port() + " (guest " + program + ", store " + store.location()
          + ", backend " + backend + ", security " + profile + ")");
      if (metricsPort >= 0) {
        metrics = MetricsEndpoint.start(registry, "0.0.0.0", metricsPort,
            () -> switch (service.status().phase()) {
              case BOOTING -> "booting";
              case HALT -> "halting";
              default -> null;
            });
        out.println("metrics on http://localhost:" + metrics.port() + "/metrics");
      }
      out.flush();
      service.awaitReady();
      out.println("ready");
      out.flush();
    } catch (Exception | Error e) {
      new Started(service, store, metrics).close();
      throw e;
    }
    return new Started(service, store, metrics);
  }
}

package dev.zisk4j.cli.cluster;

import dev.zisk4j.cli.BadValue;
import dev.zisk4j.cli.config.ConfigFileOption;
import dev.zisk4j.cli.config.ResolvedSettings;
import dev.zisk4j.cli.config.ServerConfiguration;
import dev.zisk4j.cli.datastream.Running;
import dev.zisk4j.cli.engine.ProgramFiles;
import dev.zisk4j.cluster.auth.AccessRules;
import dev.zisk4j.cluster.auth.CoordinatorSecurity;
import dev.zisk4j.cluster.auth.ServerTls;
import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.cluster.coordinator.CoordinatorServer;
import dev.zisk4j.cluster.coordinator.MetricsConfig;
import dev.zisk4j.cluster.coordinator.Programs;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.cluster.store.InMemoryJobStore;
import dev.zisk4j.cluster.store.JdbcJobStore;
import dev.zisk4j.cluster.store.JobStore;
import dev.zisk4j.cluster.store.JobStoreException;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.vmair.InputMode;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j coordinator}: the cluster's coordinator (cluster.md §9): one gRPC port carrying the
 * admin/prover API and the client API, until Ctrl-C / SIGTERM, then a graceful stop.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
    description = {"Run a proving-cluster coordinator: workers connect to it (zisk4j worker), clients submit jobs "
        + "(zisk4j prove --cluster, zisk4j cluster launch, grpcurl).",
        "Settings: flags > ZISK4J_COORDINATOR_<KEY> environment > --config TOML file > defaults.",
        "Jobs: --data-dir D keeps them in an H2 database under D, --db jdbc:postgresql://... in PostgreSQL; either way "
            + "a restarted coordinator recovers them. Without either they are kept in memory and a restart forgets them.",
        "Security: --tls-cert/--tls-key serve TLS (https:// URLs), --tls-client-ca requires client certificates "
            + "(mTLS), --access-file authenticates bearer tokens and certificate CNs with roles worker/client/admin."})
public final class CoordinatorCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorCommand.class);

  /** This server's name in configuration: environment ZISK4J_COORDINATOR_<KEY>, TOML keys as the flags. */
  static final ServerConfiguration CONFIG = ServerConfiguration.forServer("coordinator");

  @Spec CommandSpec spec;

  @Mixin ConfigFileOption config = new ConfigFileOption();

  @Mixin CoordinatorOptions options = new CoordinatorOptions();

  @Option(names = "--port", paramLabel = "PORT", description = "gRPC port (default 8080; 0 = any free port).")
  int port = CoordinatorConfig.DEFAULT_PORT;

  @Option(names = "--host", paramLabel = "ADDR",
      description = "Address to listen on (default 127.0.0.1; 0.0.0.0 to let workers on other machines in: "
          + "without TLS and an access file, only on a trusted network).")
  String host = "127.0.0.1";

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate chain: serve TLS (with --tls-key).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "PKCS#8 private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "PEM",
      description = "CA certificates of client certificates: require mTLS (needs --tls-cert).")
  Path tlsClientCa;

  @Option(names = "--access-file", paramLabel = "TOML",
      description = "Tokens (SHA-256 hashes) and certificate CNs with their roles: authenticate every call "
          + "(see cluster/README.md, Security).")
  Path accessFile;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "HTTP port of /metrics (Prometheus) and /health, on the --host address (default 9090; "
          + "0 = any free port; -1 = off).")
  int metricsPort = MetricsConfig.DEFAULT_PORT;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep jobs, their inputs and the registered programs in an H2 database under DIR "
          + "(DIR/coordinator.mv.db, created if needed): a restarted coordinator recovers them.")
  Path dataDir;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "Keep jobs in PostgreSQL instead (jdbc:postgresql://HOST[:PORT]/DB), e.g. for a shared "
          + "deployment; credentials in the URL (?user=...&password=...) or --db-user/--db-password.")
  String db;

  @Option(names = "--db-user", paramLabel = "USER", description = "User of --db (overrides one in the URL).")
  String dbUser;

  @Option(names = "--db-password", paramLabel = "PASSWORD",
      description = "Password of --db-user; prefer the environment ZISK4J_COORDINATOR_DB_PASSWORD or the TOML file "
          + "(a flag shows in the process list).")
  String dbPassword;

  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    try (Running r = start()) {
      r.awaitShutdown();
    }
    return 0;
  }

  /** Starts the server and returns it running, its URL printed on stdout. */
  Running start() throws Exception {
    ResolvedSettings settings = CONFIG.apply(spec, config.file(), env, spec.commandLine().getErr());
    if (port < 0 || port > 65535) {
      throw BadValue.of(spec.commandLine(), "--port", port, "0..65535 (0 = any free port)");
    }
    if (metricsPort < -1 || metricsPort > 65535) {
      throw BadValue.of(spec.commandLine(), "--metrics-port", metricsPort, "0..65535 (0 = any free port), -1 = off");
    }
    CoordinatorConfig cfg = options.config(spec.commandLine()).withHost(host).withPort(port);
    CoordinatorSecurity security = security();
    log.info(settings.summary());
    Running running = new Running();
    try {
      JobStore store = running.add(store());
      CoordinatorServer server = running.add(CoordinatorServer.start(cfg, store,
          metricsPort < 0 ? null : new MetricsConfig(host, metricsPort), security));
      PrintWriter out = spec.commandLine().getOut();
      out.println("coordinator listening on " + url(host, server.port(), security.tls().isPresent())
          + (security.authenticates() ? " (authenticated)" : ""));
      if (server.metricsPort() > 0) {
        out.println("metrics on " + url(host, server.metricsPort()) + "/metrics");
      }
      out.println("segments: 2^" + cfg.proveOptions().logRows() + " rows, " + options.security);
      options.registerProgram(server, out);
      if (!isLoopback(host) && !security.authenticates()) {
        log.warn("listening on {} with no authentication: anyone who can reach port {} can submit jobs and act as a "
            + "worker; give --access-file (and --tls-cert/--tls-key) or use a trusted network", host, server.port());
      }
      out.flush();
      return running;
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
  }

  /**
   * The job store the flags ask for, opened and migrated, and said in the log: H2 under --data-dir,
   * PostgreSQL with --db, otherwise in memory (with a warning: a restart forgets every job).
   *
   * @throws picocli.CommandLine.ParameterException naming the flag if the store cannot be opened (exit 2)
   */
  private JobStore store() throws java.io.IOException {
    CommandLine cmd = spec.commandLine();
    if (dataDir != null && db != null) {
      throw badDb(cmd, "either --data-dir or --db, not both");
    }
    if ((dbUser != null || dbPassword != null) && db == null) {
      throw BadValue.of(cmd, dbUser != null ? "--db-user" : "--db-password", dbUser != null ? dbUser : "***",
          "only with --db");
    }
    if (dbPassword != null && dbUser == null) {
      throw BadValue.of(cmd, "--db-password", "***", "only with --db-user (or put both in the URL)");
    }
    if (dataDir != null) {
      if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
        throw BadValue.of(cmd, "--data-dir", dataDir, "a directory (created if missing)");
      }
      try {
        Files.createDirectories(dataDir);
        JdbcJobStore s = JdbcJobStore.openH2(dataDir);
        log.info("job store: H2 database {} (jobs survive a restart)", dataDir.toAbsolutePath().resolve("coordinator.mv.db"));
        return s;
      } catch (JobStoreException | java.io.IOException e) {
        throw BadValue.of(cmd, "--data-dir", dataDir, "a writable directory no other coordinator uses: " + e.getMessage());
      }
    }
    if (db != null) {
      if (!db.startsWith("jdbc:postgresql://")) {
        throw badDb(cmd, "jdbc:postgresql://HOST[:PORT]/DB");
      }
      try {
        JdbcJobStore s = JdbcJobStore.open(db, dbUser, dbUser == null ? null : dbPassword == null ? "" : dbPassword);
        log.info("job store: PostgreSQL {} (jobs survive a restart)", s.location());
        return s;
      } catch (JobStoreException e) {
        throw badDb(cmd, "a reachable PostgreSQL database: " + e.getMessage());
      }
    }
    log.warn("job store: IN MEMORY - every job is lost when this coordinator stops or crashes; give --data-dir DIR "
        + "(H2) or --db jdbc:postgresql://... to keep them");
    return new InMemoryJobStore();
  }

  /** A bad --db, shown with its password masked (BadValue would show the value as typed). */
  private CommandLine.ParameterException badDb(CommandLine cmd, String allowed) {
    return new CommandLine.ParameterException(cmd, BadValue.message("--db", redacted(db), allowed));
  }

  /** A JDBC URL with its password masked, for an error message. */
  private static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The URL clients and workers use: a wildcard bind is shown as its loopback address. */
  static String url(String host, int port) {
    return url(host, port, false);
  }

  static String url(String host, int port, boolean tls) {
    String shown = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    String u = new CoordinatorUrl(shown, port).toString();
    return tls ? u.replaceFirst("^http://", "https://") : u;
  }

  /** --tls-* and --access-file as the server's security; bad combinations and unreadable files exit 2. */
  private CoordinatorSecurity security() {
    CommandLine cmd = spec.commandLine();
    if ((tlsCert == null) != (tlsKey == null)) {
      throw BadValue.of(cmd, tlsCert == null ? "--tls-key" : "--tls-cert", tlsCert == null ? tlsKey : tlsCert,
          "--tls-cert and --tls-key together");
    }
    if (tlsClientCa != null && tlsCert == null) {
      throw BadValue.of(cmd, "--tls-client-ca", tlsClientCa, "only with --tls-cert and --tls-key (mTLS is TLS)");
    }
    for (Object[] f : new Object[][] {{"--tls-cert", tlsCert}, {"--tls-key", tlsKey}, {"--tls-client-ca", tlsClientCa},
        {"--access-file", accessFile}}) {
      if (f[1] != null && !Files.isRegularFile((Path) f[1])) {
        throw BadValue.of(cmd, (String) f[0], f[1], "a readable file");
      }
    }
    Optional<AccessRules> rules = Optional.empty();
    if (accessFile != null) {
      try {
        rules = Optional.of(AccessRules.load(accessFile));
      } catch (IllegalArgumentException e) {
        throw BadValue.of(cmd, "--access-file", accessFile, "an access file: " + e.getMessage());
      }
    }
    Optional<ServerTls> tls = tlsCert == null ? Optional.empty()
        : Optional.of(new ServerTls(tlsCert, tlsKey, Optional.ofNullable(tlsClientCa)));
    CoordinatorSecurity sec = new CoordinatorSecurity(tls, rules);
    try {
      sec.serverCredentials();
    } catch (IllegalArgumentException e) {
      throw BadValue.of(cmd, "--tls-cert", tlsCert, "PEM certificate and PKCS#8 key: " + e.getMessage());
    }
    return sec;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The coordinator's scheduling and proving settings, shared by {@code coordinator} and
   * {@code cluster local}: defaults are cluster.md §2's.
   */
  static final class CoordinatorOptions {
    @Option(names = "--program", paramLabel = "FILE",
        description = "Guest program (.zasm or JZKP image) registered at start; LaunchProof without hash_id uses it.")
    Path program;

    @Option(names = "--inputs-folder", paramLabel = "DIR",
        description = "Folder LaunchProof's input_path may point into (default: none, paths refused).")
    Path inputsFolder;

    @Option(names = "--log-rows", paramLabel = "N",
        description = "Segments of 2^N rows (default 16); the proofs verify with 'zisk4j verify'.")
    int logRows = ProveOptions.standard().logRows();

    @Option(names = "--security", paramLabel = "PROFILE",
        description = "Security profile of the proofs: conjectured-100 (default) or proven-100.")
    String security = SecurityProfile.DEFAULT.id();

    @Option(names = "--max-segments", paramLabel = "N", description = "Refuse runs longer than N segments (default 1024).")
    int maxSegments = ProveOptions.standard().maxSegments();

    @Option(names = "--heartbeat-ms", paramLabel = "MS",
        description = "Heartbeat interval; 3 missed = worker disconnected (default 5000).")
    long heartbeatMs = 5000;

    @Option(names = "--max-workers", paramLabel = "N", description = "Most workers connected at once (default 1000).")
    int maxWorkers = 1000;

    @Option(names = "--max-workers-per-job", paramLabel = "N", description = "Most distinct workers on one job (default 10).")
    int maxWorkersPerJob = 10;

    @Option(names = "--task-max-attempts", paramLabel = "N",
        description = "Failed or lost attempts before a task fails its job (default 4).")
    int taskMaxAttempts = 4;

    @Option(names = "--max-active-jobs", paramLabel = "N", description = "Prove jobs running at once (default 16).")
    int maxActiveJobs = 16;

    @Option(names = "--max-queued-jobs", paramLabel = "N", description = "Jobs waiting before QUEUE_FULL (default 10000).")
    int maxQueuedJobs = 10_000;

    @Option(names = "--verifier-threads", paramLabel = "N", description = "Threads checking results (default: cores/2).")
    int verifierThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    @Option(names = "--phase-limit-seconds", paramLabel = "S",
        description = "Hard limit on each job phase (default 1200; 0 = off).")
    long phaseLimitSeconds = 1200;

    @Option(names = "--queue-timeout-seconds", paramLabel = "S",
        description = "Longest a job may wait in the queue (default 600).")
    long queueTimeoutSeconds = 600;

    /** {@code --program}, loaded by {@link #config}. */
    private ProgramImage image;

    /**
     * The coordinator configuration these options describe (host and port as defaults).
     *
     * @throws picocli.CommandLine.ParameterException naming the first bad value (exit 2)
     */
    CoordinatorConfig config(CommandLine cmd) throws java.io.IOException {
      if (logRows < 4 || logRows > 26) {
        throw BadValue.of(cmd, "--log-rows", logRows, "4..26");
      }
      SecurityProfile profile;
      try {
        profile = SecurityProfile.of(security);
      } catch (IllegalArgumentException e) {
        throw BadValue.of(cmd, "--security", security, SecurityProfile.ids());
      }
      if (maxSegments < 1 || maxSegments > 1 << 16) {
        throw BadValue.of(cmd, "--max-segments", maxSegments, "1..65536");
      }
      if (heartbeatMs < 10 || heartbeatMs > 600_000) {
        throw BadValue.of(cmd, "--heartbeat-ms", heartbeatMs, "10..600000");
      }
      positive(cmd, "--max-workers", maxWorkers);
      positive(cmd, "--max-workers-per-job", maxWorkersPerJob);
      positive(cmd, "--task-max-attempts", taskMaxAttempts);
      positive(cmd, "--max-active-jobs", maxActiveJobs);
      positive(cmd, "--max-queued-jobs", maxQueuedJobs);
      positive(cmd, "--verifier-threads", verifierThreads);
      if (phaseLimitSeconds < 0) {
        throw BadValue.of(cmd, "--phase-limit-seconds", phaseLimitSeconds, "0 (off) or more");
      }
      if (queueTimeoutSeconds < 1) {
        throw BadValue.of(cmd, "--queue-timeout-seconds", queueTimeoutSeconds, "1 or more");
      }
      if (inputsFolder != null && !Files.isDirectory(inputsFolder)) {
        throw BadValue.of(cmd, "--inputs-folder", inputsFolder, "an existing directory");
      }
      ProveOptions prove = new ProveOptions(logRows, profile.options(), InputMode.PUBLIC, maxSegments);
      image = program == null ? null : ProgramFiles.load(program);
      CoordinatorConfig d = CoordinatorConfig.defaults();
      return new CoordinatorConfig(d.host(), d.port(), Duration.ofMillis(heartbeatMs), maxWorkers, maxWorkersPerJob,
          taskMaxAttempts, maxActiveJobs, maxQueuedJobs, Optional.ofNullable(inputsFolder),
          Optional.ofNullable(image).map(Programs::hashId), prove,
          d.maxMessageBytes(), verifierThreads, Duration.ofSeconds(phaseLimitSeconds),
          Duration.ofSeconds(queueTimeoutSeconds), d.faults());
    }

    /** Registers {@code --program}, if given, and says so on {@code out}. */
    void registerProgram(CoordinatorServer server, PrintWriter out) {
      if (image != null) {
        String hash = server.registerProgram(image);
        out.println("program " + program + " registered: hash_id " + hash);
      }
    }

    private static void positive(CommandLine cmd, String option, int v) {
      if (v < 1) {
        throw BadValue.of(cmd, option, v, "1 or more");
      }
    }
  }
}

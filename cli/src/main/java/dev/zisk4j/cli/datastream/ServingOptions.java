package dev.zisk4j.cli.datastream;

import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import dev.zisk4j.datastream.server.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Options shared by {@code server} and {@code relay}: where and how the stream server listens. */
final class ServingOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file (key=value, keys as the long flag names, e.g. max-clients=2000).")
  Path config;

  @Option(names = "--port", paramLabel = "PORT", description = "Stream server port (default 6900; 0 = any free port).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 0.0.0.0).")
  String bind;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Prometheus /metrics and /health port (default 9092; -1 = off).")
  Integer metricsPort;

  @Option(names = "--max-clients", paramLabel = "N", description = "Connection limit (default 1000).")
  Integer maxClients;

  @Option(names = "--write-timeout-ms", paramLabel = "MS", description = "Disconnect a client blocked this long in one write (default 3000).")
  Long writeTimeoutMs;

  @Option(names = "--inactivity-timeout-ms", paramLabel = "MS",
      description = "Disconnect a non-streaming client silent this long (default 120000).")
  Long inactivityTimeoutMs;

  @Option(names = "--durability", paramLabel = "MODE",
      description = "What a commit to the served file promises: fsync (default, survives power loss) or os (page cache, as the Go reference).")
  String durability;

  /** Settings from flags, environment and file. */
  LayeredSettings settings(Map<String, String> env) throws IOException {
    return LayeredSettings.load(config, env);
  }

  Durability durability(LayeredSettings s) {
    String v = s.string("durability", durability, "fsync");
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "fsync" -> Durability.FSYNC;
      case "os" -> Durability.OS;
      default -> throw new IllegalArgumentException("durability must be fsync or os: durability=" + v);
    };
  }

  ServerConfig serverConfig(LayeredSettings s, int defaultPort) {
    ServerConfig d = ServerConfig.defaults();
    return d.withPort(s.integer("port", port, defaultPort))
        .withBindAddress(s.string("bind", bind, d.bindAddress()))
        .withMaxClients(s.integer("max-clients", maxClients, d.maxClients()))
        .withWriteTimeout(s.millis("write-timeout-ms", writeTimeoutMs, d.writeTimeout()))
        .withInactivityTimeout(s.millis("inactivity-timeout-ms", inactivityTimeoutMs, d.inactivityTimeout()));
  }

  /**
   * Starts the metrics endpoint for {@code registry} inside {@code running} unless the port is -1,
   * and prints its address.
   */
  void startMetrics(LayeredSettings s, Running running, PrometheusMeterRegistry registry,
      Supplier<String> health, PrintWriter out) throws IOException {
    int port = s.integer("metrics-port", metricsPort, MetricsEndpoint.DEFAULT_PORT);
    if (port >= 0) {
      MetricsEndpoint m = running.add(MetricsEndpoint.start(registry, "0.0.0.0", port, health));
      out.println("metrics on http://localhost:" + m.port() + "/metrics");
    }
  }

}

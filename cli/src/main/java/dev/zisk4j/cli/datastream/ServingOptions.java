package dev.zisk4j.cli.datastream;

import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import dev.zisk4j.datastream.server.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Options shared by {@code server} and {@code relay}: where and how the stream server listens. */
final class ServingOptions {
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

  Durability durability() {
    String v = durability == null ? "fsync" : durability;
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "fsync" -> Durability.FSYNC;
      case "os" -> Durability.OS;
      default -> throw new IllegalArgumentException("durability must be fsync or os: durability=" + v);
    };
  }

  ServerConfig serverConfig(int defaultPort) {
    ServerConfig d = ServerConfig.defaults();
    return d.withPort(port != null ? port : defaultPort)
        .withBindAddress(bind != null ? bind : d.bindAddress())
        .withMaxClients(maxClients != null ? maxClients : d.maxClients())
        .withWriteTimeout(writeTimeoutMs != null ? millis("write-timeout-ms", writeTimeoutMs) : d.writeTimeout())
        .withInactivityTimeout(inactivityTimeoutMs != null ? millis("inactivity-timeout-ms", inactivityTimeoutMs)
            : d.inactivityTimeout());
  }

  private static Duration millis(String key, long ms) {
    if (ms <= 0) {
      throw new IllegalArgumentException(key + " must be positive: " + key + "=" + ms);
    }
    return Duration.ofMillis(ms);
  }

  /**
   * Starts the metrics endpoint for {@code registry} inside {@code running} unless the port is -1,
   * and prints its address.
   */
  void startMetrics(Running running, PrometheusMeterRegistry registry,
      Supplier<String> health, PrintWriter out) throws IOException {
    int port = metricsPort != null ? metricsPort : MetricsEndpoint.DEFAULT_PORT;
    if (port >= 0) {
      MetricsEndpoint m = running.add(MetricsEndpoint.start(registry, "0.0.0.0", port, health));
      out.println("metrics on http://localhost:" + m.port() + "/metrics");
    }
  }

}

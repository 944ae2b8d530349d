package dev.zisk4j.cli.datastream;

import dev.zisk4j.cli.BadValue;

import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import dev.zisk4j.datastream.server.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options shared by {@code server} and {@code relay}: where and how the stream server listens. The
 * two commands differ only in their default ports (server 6900 and metrics 9092, relay 7900 and
 * 9093, so a relay and a server run side by side on one machine without flags).
 */
final class ServingOptions {
  /** Longest timeout accepted: one day (beyond that a "timeout" is a typo, and Duration math overflows). */
  static final long MAX_TIMEOUT_MS = 86_400_000L;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Stream server port (default: server 6900, relay 7900; 0 = any free port).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Address the stream server and the metrics endpoint listen on (default 0.0.0.0).")
  String bind;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Prometheus /metrics and /health port (default: server 9092, relay 9093; -1 = off).")
  Integer metricsPort;

  @Option(names = "--max-clients", paramLabel = "N", description = "Connection limit (default 1000).")
  Integer maxClients;

  @Option(names = "--write-timeout-ms", paramLabel = "MS",
      description = "Disconnect a client that takes no byte for this long while data waits for it, i.e. stopped reading (default 3000).")
  Long writeTimeoutMs;

  @Option(names = "--inactivity-timeout-ms", paramLabel = "MS",
      description = "Disconnect a non-streaming client silent this long (default 120000).")
  Long inactivityTimeoutMs;

  @Option(names = "--handshake-timeout-ms", paramLabel = "MS",
      description = "Close a connection that sends no command within this time of connecting (default 10000).")
  Long handshakeTimeoutMs;

  @Option(names = "--socket-send-buffer", paramLabel = "BYTES",
      description = "Kernel send buffer per client socket (default 131072; 8192..16777216).")
  Integer socketSendBuffer;

  @Option(names = "--durability", paramLabel = "MODE",
      description = "What a commit to the served file promises: fsync (default, survives power loss) or os (page cache, as the Go reference).")
  String durability;

  Durability durability() {
    String v = durability == null ? "fsync" : durability;
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "fsync" -> Durability.FSYNC;
      case "os" -> Durability.OS;
      default -> throw BadValue.of(mixee.commandLine(), "--durability", v, "fsync or os");
    };
  }

  /** The stream server's settings; checks every serving option (so call it before creating anything). */
  ServerConfig serverConfig(int defaultPort) {
    ServerConfig d = ServerConfig.defaults();
    if (port != null && (port < 0 || port > 65535)) {
      throw BadValue.of(mixee.commandLine(), "--port", port, "0..65535 (0 = any free port)");
    }
    if (maxClients != null && maxClients < 1) {
      throw BadValue.of(mixee.commandLine(), "--max-clients", maxClients, "1 or more");
    }
    if (metricsPort != null && (metricsPort < -1 || metricsPort > 65535)) {
      throw BadValue.of(mixee.commandLine(), "--metrics-port", metricsPort, "0..65535, or -1 for no metrics endpoint");
    }
    if (socketSendBuffer != null && (socketSendBuffer < 8192 || socketSendBuffer > (16 << 20))) {
      throw BadValue.of(mixee.commandLine(), "--socket-send-buffer", socketSendBuffer, "8192..16777216 bytes");
    }
    return d.withPort(port != null ? port : defaultPort)
        .withBindAddress(bind != null ? bind : d.bindAddress())
        .withMaxClients(maxClients != null ? maxClients : d.maxClients())
        .withWriteTimeout(timeout("--write-timeout-ms", writeTimeoutMs, d.writeTimeout()))
        .withInactivityTimeout(timeout("--inactivity-timeout-ms", inactivityTimeoutMs, d.inactivityTimeout()))
        .withHandshakeTimeout(timeout("--handshake-timeout-ms", handshakeTimeoutMs, d.handshakeTimeout()))
        .withSocketSendBufferBytes(socketSendBuffer != null ? socketSendBuffer : d.socketSendBufferBytes());
  }

  private Duration timeout(String option, Long ms, Duration dflt) {
    if (ms == null) {
      return dflt;
    }
    if (ms < 1 || ms > MAX_TIMEOUT_MS) {
      throw BadValue.of(mixee.commandLine(), option, ms, "1.." + MAX_TIMEOUT_MS + " ms");
    }
    return Duration.ofMillis(ms);
  }


  /**
   * Starts the metrics endpoint for {@code registry} inside {@code running} unless the port is -1,
   * on the same address as the stream server, and prints its address.
   */
  void startMetrics(Running running, PrometheusMeterRegistry registry, int defaultPort,
      Supplier<String> health, PrintWriter out) throws IOException {
    int p = metricsPort != null ? metricsPort : defaultPort;
    if (p < -1 || p > 65535) {
      throw BadValue.of(mixee.commandLine(), "--metrics-port", p, "0..65535, or -1 for no metrics endpoint");
    }
    if (p >= 0) {
      String address = bind != null ? bind : ServerConfig.defaults().bindAddress();
      MetricsEndpoint m = running.add(MetricsEndpoint.start(registry, address, p, health));
      String shown = address.equals("0.0.0.0") ? "localhost" : address.contains(":") ? "[" + address + "]" : address;
      out.println("metrics on http://" + shown + ":" + m.port() + "/metrics (and /health)");
    }
  }
}

package dev.zisk4j.cluster.coordinator;

import java.util.Objects;

/**
 * Where the coordinator serves {@code GET /metrics} (Prometheus text) and {@code GET /health}
 * (cluster.md §6).
 *
 * @param host address to bind ({@code 0.0.0.0} for every interface)
 * @param port {@link #DEFAULT_PORT} by default; 0 picks a free port (tests)
 */
public record MetricsConfig(String host, int port) {
  public static final int DEFAULT_PORT = 9090;

  public MetricsConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("metrics port must be 0..65535, got " + port);
    }
  }
}

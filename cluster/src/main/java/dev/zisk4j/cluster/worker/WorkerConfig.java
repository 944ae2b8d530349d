package dev.zisk4j.cluster.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker's settings (cluster.md §7).
 *
 * @param coordinator host:port of the coordinator (a {@code http://} prefix is accepted)
 * @param proverId empty: the coordinator assigns one
 * @param capacity concurrent tasks (one compute unit each)
 * @param engineThreads the engine's shared pool size
 * @param heartbeat how often the worker's own heartbeat thread reports liveness
 */
public record WorkerConfig(String coordinator, Optional<String> proverId, int capacity, int engineThreads,
    Duration heartbeat) {
  public WorkerConfig {
    Objects.requireNonNull(coordinator, "coordinator");
    if (capacity < 1 || capacity > 4096) {
      throw new IllegalArgumentException("capacity must be 1..4096, got " + capacity);
    }
    if (engineThreads < 1) {
      throw new IllegalArgumentException("engine threads must be ≥ 1, got " + engineThreads);
    }
  }

  public static WorkerConfig of(String coordinator, int capacity) {
    return new WorkerConfig(coordinator, Optional.empty(), capacity,
        Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(5));
  }

  public WorkerConfig withId(String id) {
    return new WorkerConfig(coordinator, Optional.of(id), capacity, engineThreads, heartbeat);
  }

  public WorkerConfig withEngineThreads(int n) {
    return new WorkerConfig(coordinator, proverId, capacity, n, heartbeat);
  }

  /** The gRPC target: host:port without scheme. */
  String target() {
    String t = coordinator;
    for (String p : new String[] {"http://", "grpc://"}) {
      if (t.startsWith(p)) {
        t = t.substring(p.length());
      }
    }
    return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
  }
}

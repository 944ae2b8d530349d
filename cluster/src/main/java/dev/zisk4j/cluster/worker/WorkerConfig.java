package dev.zisk4j.cluster.worker;

import dev.zisk4j.io.transport.grpc.CoordinatorAccess;
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
 * @param access TLS material and bearer token for the coordinator (cluster.md §5)
 */
public record WorkerConfig(String coordinator, Optional<String> proverId, int capacity, int engineThreads,
    Duration heartbeat, CoordinatorAccess access) {
  public WorkerConfig {
    Objects.requireNonNull(coordinator, "coordinator");
    Objects.requireNonNull(access, "access");
    if (coordinator.startsWith("https://") && !access.tls()) {
      throw new IllegalArgumentException("coordinator " + coordinator + " is https:// but the access is plaintext");
    }
    if (capacity < 1 || capacity > 4096) {
      throw new IllegalArgumentException("capacity must be 1..4096, got " + capacity);
    }
    if (engineThreads < 1) {
      throw new IllegalArgumentException("engine threads must be ≥ 1, got " + engineThreads);
    }
  }

  /** Without a token; TLS (with the JDK's trust store) when {@code coordinator} is an https:// URL. */
  public WorkerConfig(String coordinator, Optional<String> proverId, int capacity, int engineThreads,
      Duration heartbeat) {
    this(coordinator, proverId, capacity, engineThreads, heartbeat,
        CoordinatorAccess.forScheme(coordinator.startsWith("https://") ? "https" : "http"));
  }

  public static WorkerConfig of(String coordinator, int capacity) {
    return new WorkerConfig(coordinator, Optional.empty(), capacity,
        Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(5));
  }

  public WorkerConfig withId(String id) {
    return new WorkerConfig(coordinator, Optional.of(id), capacity, engineThreads, heartbeat, access);
  }

  public WorkerConfig withEngineThreads(int n) {
    return new WorkerConfig(coordinator, proverId, capacity, n, heartbeat, access);
  }

  public WorkerConfig withAccess(CoordinatorAccess a) {
    return new WorkerConfig(coordinator, proverId, capacity, engineThreads, heartbeat, a);
  }

  /** The gRPC target: host:port without scheme. */
  String target() {
    String t = coordinator;
    for (String p : new String[] {"http://", "https://", "grpc://"}) {
      if (t.startsWith(p)) {
        t = t.substring(p.length());
      }
    }
    return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
  }
}

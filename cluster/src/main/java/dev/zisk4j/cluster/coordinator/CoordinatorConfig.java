package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.engine.api.ProveOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The coordinator's settings (cluster.md §2, defaults there).
 *
 * @param port 8080 by default; 0 picks a free port (tests)
 * @param inputsFolder where LaunchProof's {@code input_path} may point; empty refuses paths
 * @param defaultProgram hash id used by a LaunchProof without {@code hash_id}
 * @param phaseLimit per-phase hard stop for CONTRIBUTIONS, PROVE and AGGREGATE; zero turns it off
 * @param faults how lost and misbehaving provers are treated
 */
public record CoordinatorConfig(String host, int port, Duration heartbeatInterval, int maxTotalWorkers,
    int maxWorkersPerJob, int taskMaxAttempts, int maxActiveJobs, int maxQueuedJobs, Optional<Path> inputsFolder,
    Optional<String> defaultProgram, ProveOptions proveOptions, int maxMessageBytes, int verifierThreads,
    Duration phaseLimit, Duration queueTimeout, Faults faults) {
  public static final int DEFAULT_PORT = 8080;
  /** Max inbound gRPC message (design §1.3: 136 MiB). */
  public static final int MAX_MESSAGE_BYTES = 136 << 20;

  public CoordinatorConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(proveOptions, "proveOptions");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeat interval must be positive, got " + heartbeatInterval);
    }
    if (proveOptions.inputMode() != dev.zisk4j.engine.vmair.InputMode.PUBLIC) {
      throw new IllegalArgumentException("input mode " + proveOptions.inputMode()
          + " over the cluster is not built: ExecuteTaskRequest carries no input mode, workers prove PUBLIC");
    }
    Objects.requireNonNull(faults, "faults");
    if (maxTotalWorkers < 1 || maxWorkersPerJob < 1 || taskMaxAttempts < 1 || maxActiveJobs < 1 || maxQueuedJobs < 1) {
      throw new IllegalArgumentException("limits must be ≥ 1");
    }
  }

  /** The design's defaults on port 8080 with the engine's standard options. */
  public static CoordinatorConfig defaults() {
    return new CoordinatorConfig("0.0.0.0", DEFAULT_PORT, Duration.ofSeconds(5), 1000, 10, 4, 16, 10_000,
        Optional.empty(), Optional.empty(), ProveOptions.standard(), MAX_MESSAGE_BYTES,
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2), Duration.ofSeconds(1200), Duration.ofSeconds(600),
        Faults.DEFAULTS);
  }

  public CoordinatorConfig withPort(int p) {
    return new CoordinatorConfig(host, p, heartbeatInterval, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts,
        maxActiveJobs, maxQueuedJobs, inputsFolder, defaultProgram, proveOptions, maxMessageBytes, verifierThreads,
        phaseLimit, queueTimeout, faults);
  }

  public CoordinatorConfig withHost(String h) {
    return new CoordinatorConfig(h, port, heartbeatInterval, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts,
        maxActiveJobs, maxQueuedJobs, inputsFolder, defaultProgram, proveOptions, maxMessageBytes, verifierThreads,
        phaseLimit, queueTimeout, faults);
  }

  public CoordinatorConfig withHeartbeat(Duration d) {
    return new CoordinatorConfig(host, port, d, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts, maxActiveJobs,
        maxQueuedJobs, inputsFolder, defaultProgram, proveOptions, maxMessageBytes, verifierThreads, phaseLimit,
        queueTimeout, faults);
  }

  public CoordinatorConfig withProveOptions(ProveOptions o) {
    return new CoordinatorConfig(host, port, heartbeatInterval, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts,
        maxActiveJobs, maxQueuedJobs, inputsFolder, defaultProgram, o, maxMessageBytes, verifierThreads, phaseLimit,
        queueTimeout, faults);
  }

  public CoordinatorConfig withInputsFolder(Path p) {
    return new CoordinatorConfig(host, port, heartbeatInterval, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts,
        maxActiveJobs, maxQueuedJobs, Optional.of(p), defaultProgram, proveOptions, maxMessageBytes, verifierThreads,
        phaseLimit, queueTimeout, faults);
  }

  public CoordinatorConfig withDefaultProgram(String hashId) {
    return new CoordinatorConfig(host, port, heartbeatInterval, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts,
        maxActiveJobs, maxQueuedJobs, inputsFolder, Optional.of(hashId), proveOptions, maxMessageBytes,
        verifierThreads, phaseLimit, queueTimeout, faults);
  }

  public CoordinatorConfig withMaxTotalWorkers(int n) {
    return new CoordinatorConfig(host, port, heartbeatInterval, n, maxWorkersPerJob, taskMaxAttempts, maxActiveJobs,
        maxQueuedJobs, inputsFolder, defaultProgram, proveOptions, maxMessageBytes, verifierThreads, phaseLimit,
        queueTimeout, faults);
  }

  public CoordinatorConfig withMaxActiveJobs(int n) {
    return new CoordinatorConfig(host, port, heartbeatInterval, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts,
        n, maxQueuedJobs, inputsFolder, defaultProgram, proveOptions, maxMessageBytes, verifierThreads,
        phaseLimit, queueTimeout, faults);
  }

  public CoordinatorConfig withFaults(Faults f) {
    return new CoordinatorConfig(host, port, heartbeatInterval, maxTotalWorkers, maxWorkersPerJob, taskMaxAttempts,
        maxActiveJobs, maxQueuedJobs, inputsFolder, defaultProgram, proveOptions, maxMessageBytes, verifierThreads,
        phaseLimit, queueTimeout, f);
  }

  /**
   * Fault handling (design §2.2, §2.6).
   *
   * @param reconnectGrace how long a disconnected prover's attempts are kept for its reconnect (10 s); zero
   *     releases them at once
   * @param maxBadResults proofs failing verification after which a prover is quarantined (3)
   * @param quarantine how long a quarantined prover gets no tasks (1 h)
   */
  public record Faults(Duration reconnectGrace, int maxBadResults, Duration quarantine) {
    public static final Faults DEFAULTS = new Faults(Duration.ofSeconds(10), 3, Duration.ofHours(1));

    public Faults {
      if (reconnectGrace.isNegative() || quarantine.isNegative()) {
        throw new IllegalArgumentException("reconnect grace and quarantine must not be negative");
      }
      if (maxBadResults < 1) {
        throw new IllegalArgumentException("max_bad_results must be ≥ 1, got " + maxBadResults);
      }
    }
  }
}

package dev.zisk4j.proverservice;

import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.queue.SchedulerConfig;

/**
 * Everything the service's behaviour depends on; every value has a documented default
 * ({@link #defaults()}, README).
 *
 * @param bindAddress where gRPC listens (0.0.0.0)
 * @param port gRPC port (50051; 0 picks a free one)
 * @param maxMessageBytes largest gRPC message accepted (16 MiB; the reference's client allows 1 GiB)
 * @param maxGetProofTimeoutSeconds largest GetProof {@code timeout} (3600; larger is answered ERROR)
 * @param maxUnansweredPerStream GetProof requests one stream may have waiting (64)
 * @param minSecurityBits least conjectured security of an accepted proof (100)
 */
public record ServiceConfig(String bindAddress, int port, int maxMessageBytes, long maxGetProofTimeoutSeconds,
    int maxUnansweredPerStream, int minSecurityBits, SchedulerConfig scheduler, InputLimits limits) {
  public static final int DEFAULT_PORT = 50051;

  public ServiceConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535]: port=" + port);
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 1024: maxMessageBytes=" + maxMessageBytes);
    }
    if (maxGetProofTimeoutSeconds < 0 || maxUnansweredPerStream < 1 || minSecurityBits < 0) {
      throw new IllegalArgumentException("bad limits: maxGetProofTimeoutSeconds=" + maxGetProofTimeoutSeconds
          + ", maxUnansweredPerStream=" + maxUnansweredPerStream + ", minSecurityBits=" + minSecurityBits);
    }
  }

  public static ServiceConfig defaults() {
    return new ServiceConfig("0.0.0.0", DEFAULT_PORT, 16 << 20, 3600, 64, 100, SchedulerConfig.defaults(),
        InputLimits.defaults());
  }

  public ServiceConfig withBind(String address, int p) {
    return new ServiceConfig(address, p, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        minSecurityBits, scheduler, limits);
  }

  public ServiceConfig withMaxMessageBytes(int n) {
    return new ServiceConfig(bindAddress, port, n, maxGetProofTimeoutSeconds, maxUnansweredPerStream, minSecurityBits,
        scheduler, limits);
  }

  public ServiceConfig withScheduler(SchedulerConfig s) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        minSecurityBits, s, limits);
  }

  public ServiceConfig withLimits(InputLimits l) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        minSecurityBits, scheduler, l);
  }

  public ServiceConfig withMaxGetProofTimeoutSeconds(long s) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, s, maxUnansweredPerStream, minSecurityBits,
        scheduler, limits);
  }

  public ServiceConfig withMinSecurityBits(int bits) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        bits, scheduler, limits);
  }
}

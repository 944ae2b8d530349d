package dev.zisk4j.proverservice;

import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.queue.SchedulerConfig;
import java.util.Objects;

/**
 * Everything the service's behaviour depends on; every value has a documented default
 * ({@link #defaults()}, README).
 *
 * @param bindAddress where gRPC listens (0.0.0.0)
 * @param port gRPC port (50051; 0 picks a free one)
 * @param maxMessageBytes largest gRPC message accepted (16 MiB; the reference's client allows 1 GiB)
 * @param maxGetProofTimeoutSeconds largest GetProof {@code timeout} (3600; larger is answered ERROR)
 * @param maxUnansweredPerStream GetProof requests one stream may have waiting (64)
 * @param security what a proof is proven at and must be worth to be COMPLETED_OK ({@code conjectured-100}:
 *     the engine's default options, >= 100 conjectured and >= 50 proven bits; {@code proven-100}: the cubic
 *     profile, >= 100 proven bits)
 */
public record ServiceConfig(String bindAddress, int port, int maxMessageBytes, long maxGetProofTimeoutSeconds,
    int maxUnansweredPerStream, SecurityProfile security, SchedulerConfig scheduler, InputLimits limits) {
  public static final int DEFAULT_PORT = 50051;

  public ServiceConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535]: port=" + port);
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 1024: maxMessageBytes=" + maxMessageBytes);
    }
    if (maxGetProofTimeoutSeconds < 0 || maxUnansweredPerStream < 1) {
      throw new IllegalArgumentException("bad limits: maxGetProofTimeoutSeconds=" + maxGetProofTimeoutSeconds
          + ", maxUnansweredPerStream=" + maxUnansweredPerStream);
    }
    Objects.requireNonNull(security, "security");
  }

  public static ServiceConfig defaults() {
    return new ServiceConfig("0.0.0.0", DEFAULT_PORT, 16 << 20, 3600, 64, SecurityProfile.DEFAULT, SchedulerConfig.defaults(),
        InputLimits.defaults());
  }

  public ServiceConfig withBind(String address, int p) {
    return new ServiceConfig(address, p, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        security, scheduler, limits);
  }

  public ServiceConfig withMaxMessageBytes(int n) {
    return new ServiceConfig(bindAddress, port, n, maxGetProofTimeoutSeconds, maxUnansweredPerStream, security,
        scheduler, limits);
  }

  public ServiceConfig withScheduler(SchedulerConfig s) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        security, s, limits);
  }

  public ServiceConfig withLimits(InputLimits l) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        security, scheduler, l);
  }

  public ServiceConfig withMaxGetProofTimeoutSeconds(long s) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, s, maxUnansweredPerStream, security,
        scheduler, limits);
  }

  public ServiceConfig withSecurity(SecurityProfile p) {
    return new ServiceConfig(bindAddress, port, maxMessageBytes, maxGetProofTimeoutSeconds, maxUnansweredPerStream,
        p, scheduler, limits);
  }

  /**
   * The profile named {@code default} (= {@code conjectured-100}) or by its engine name
   * ({@code conjectured-100}, {@code proven-100}).
   *
   * @throws IllegalArgumentException naming the known names
   */
  public static SecurityProfile securityProfile(String name) {
    if ("default".equalsIgnoreCase(name)) {
      return SecurityProfile.DEFAULT;
    }
    try {
      return SecurityProfile.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown security profile: " + name + " (known: default, "
          + SecurityProfile.ids() + ")", e);
    }
  }
}

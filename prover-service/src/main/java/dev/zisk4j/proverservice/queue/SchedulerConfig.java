package dev.zisk4j.proverservice.queue;

import java.time.Duration;

/**
 * How the scheduler runs proofs.
 *
 * @param concurrency proofs computed at once (1, as the reference)
 * @param maxQueued requests waiting at most (GenProof answers INTERNAL_ERROR beyond)
 * @param retention how long a finished request is kept (1 h, as the reference's requestsPersistence)
 */
public record SchedulerConfig(int concurrency, int maxQueued, Duration retention) {
  public SchedulerConfig {
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("concurrency must be in [1, 64]: concurrency=" + concurrency);
    }
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be positive: maxQueued=" + maxQueued);
    }
    if (!retention.isPositive()) {
      throw new IllegalArgumentException("retention must be positive: retention=" + retention);
    }
  }

  public static SchedulerConfig defaults() {
    return new SchedulerConfig(1, 1000, Duration.ofHours(1));
  }

  public SchedulerConfig withConcurrency(int n) {
    return new SchedulerConfig(n, maxQueued, retention);
  }

  public SchedulerConfig withMaxQueued(int n) {
    return new SchedulerConfig(concurrency, n, retention);
  }

  public SchedulerConfig withRetention(Duration d) {
    return new SchedulerConfig(concurrency, maxQueued, d);
  }
}

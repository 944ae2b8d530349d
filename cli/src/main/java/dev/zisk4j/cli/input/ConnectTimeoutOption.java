package dev.zisk4j.cli.input;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --connect-timeout SECONDS}: how long to wait for the other side of a transport. */
public final class ConnectTimeoutOption {
  @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long to wait for the other side (default ${DEFAULT-VALUE}).")
  long seconds;

  /** Longest wait accepted: one day (beyond that deadline arithmetic overflows, and it is a typo). */
  static final long MAX_SECONDS = 86_400;

  /** @throws IllegalArgumentException if negative or above {@link #MAX_SECONDS} */
  public Duration deadline() {
    if (seconds < 0 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException("invalid value for option '--connect-timeout': " + seconds
          + " (allowed: 0.." + MAX_SECONDS + " seconds)");
    }
    return Duration.ofSeconds(seconds);
  }
}

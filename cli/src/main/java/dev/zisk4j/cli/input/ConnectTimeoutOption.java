package dev.zisk4j.cli.input;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --connect-timeout SECONDS}: how long to wait for the other side of a transport. */
final class ConnectTimeoutOption {
  @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long to wait for the other side (default ${DEFAULT-VALUE}).")
  long seconds;

  /** @throws IllegalArgumentException if negative */
  Duration deadline() {
    if (seconds < 0) {
      throw new IllegalArgumentException("--connect-timeout must be >= 0: value=" + seconds);
    }
    return Duration.ofSeconds(seconds);
  }
}

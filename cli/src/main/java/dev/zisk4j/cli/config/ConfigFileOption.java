package dev.zisk4j.cli.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the server's TOML configuration file. Add it to a server command with
 * {@code @Mixin ConfigFileOption config = new ConfigFileOption();} and resolve every setting with
 * {@link ServerConfiguration#apply}.
 */
public final class ConfigFileOption {
  @Option(names = "--config", paramLabel = "FILE",
      description = "TOML configuration file: keys are the long flag names (max-clients = 2000). "
          + "Precedence: flags > environment > this file > defaults.")
  Path file;

  /** The file given, or null. */
  public Path file() {
    return file;
  }
}

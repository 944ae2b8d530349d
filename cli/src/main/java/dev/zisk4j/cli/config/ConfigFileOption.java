package dev.zisk4j.cli.config;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE}: the server's TOML configuration file, and {@code --log-format}, which every
 * server has too. Add it to a server command with
 * {@code @Mixin ConfigFileOption config = new ConfigFileOption();} and resolve every setting with
 * {@link ServerConfiguration#apply}.
 */
public final class ConfigFileOption {
  @Option(names = "--config", paramLabel = "FILE",
      description = "TOML configuration file: keys are the long flag names (max-clients = 2000). "
          + "Precedence: flags > environment > this file > defaults.")
  Path file;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  private LogFormat logFormat = LogFormat.TEXT;

  /**
   * {@code --log-format}: set from the flag, the environment or the file like any setting, and applied
   * to the console at once, so everything the server logs after parsing is in that format.
   */
  @Option(names = "--log-format", paramLabel = "FORMAT",
      description = "Log lines as text (default) or json (one object per line, with job_id, worker_id, task, attempt).")
  void logFormat(String value) {
    try {
      logFormat = LogFormat.of(value);
    } catch (IllegalArgumentException e) {
      throw dev.zisk4j.cli.BadValue.of(mixee.commandLine(), "--log-format", value, "text or json");
    }
    logFormat.apply();
  }

  /** The log format in force. */
  public LogFormat logFormat() {
    return logFormat;
  }

  /** The file given, or null. */
  public Path file() {
    return file;
  }
}

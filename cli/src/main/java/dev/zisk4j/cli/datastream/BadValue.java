package dev.zisk4j.cli.datastream;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The datastream commands' bad-value error: one line naming the option, the value and what is
 * allowed, plus a "see --help" hint; a usage error, so exit code 2. (To be replaced by the
 * project-wide mechanism once it lands in {@code dev.zisk4j.cli}.)
 */
final class BadValue {
  private BadValue() {}

  static ParameterException of(CommandLine cmd, String option, Object value, String allowed) {
    return new ParameterException(cmd,
        "invalid value for option '" + option + "': " + value + " (allowed: " + allowed + "); see --help");
  }
}

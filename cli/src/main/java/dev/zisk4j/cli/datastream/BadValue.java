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

  /** The error for {@code option}; the value is shown as typed when it came from the command line. */
  static ParameterException of(CommandLine cmd, String option, Object value, String allowed) {
    Object shown = value;
    CommandLine.ParseResult parsed = cmd.getParseResult();
    if (parsed != null && parsed.hasMatchedOption(option)) {
      java.util.List<String> typed = parsed.matchedOption(option).stringValues();
      if (!typed.isEmpty()) {
        shown = typed.getLast();
      }
    }
    return new ParameterException(cmd,
        "invalid value for option '" + option + "': " + shown + " (allowed: " + allowed + "); see --help");
  }
}

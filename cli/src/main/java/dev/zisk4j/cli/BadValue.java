package dev.zisk4j.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The one way every command reports a bad option value: a usage error (exit 2) whose message names
 * the option, the value and what is allowed; {@link UsageErrors} prints it as one line with one
 * "see '... --help'" hint and no usage block.
 */
public final class BadValue {
  private BadValue() {}

  /** The error for {@code option}; the value is shown as typed when it came from the command line. */
  public static ParameterException of(CommandLine cmd, String option, Object value, String allowed) {
    Object shown = value;
    CommandLine.ParseResult parsed = cmd.getParseResult();
    if (parsed != null && parsed.hasMatchedOption(option)) {
      List<String> typed = parsed.matchedOption(option).stringValues();
      if (!typed.isEmpty()) {
        shown = typed.getLast();
      }
    }
    return new ParameterException(cmd, message(option, shown, allowed));
  }

  /** The message text alone, for errors raised while parsing (before a parse result exists). */
  public static String message(String option, Object value, String allowed) {
    return "invalid value for option '" + option + "': " + value + " (allowed: " + allowed + ")";
  }
}

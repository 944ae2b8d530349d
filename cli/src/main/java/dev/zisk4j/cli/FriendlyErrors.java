package dev.zisk4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a subcommand into one line on stderr and exit code 1.
 *
 * <p>Users get the message, not a stack trace; {@code ZISK4J_DEBUG=1} prints the trace too.
 * Bugs (anything that is not an I/O or argument problem) are labelled as internal errors.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    boolean expected = ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex instanceof IllegalArgumentException
        || ex instanceof IllegalStateException
        || ex instanceof CommandFailedException;
    String prefix = expected ? "error: " : "internal error: ";
    cmd.getErr().println(prefix + (ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage()));
    if (System.getenv("ZISK4J_DEBUG") != null || !expected) {
      ex.printStackTrace(cmd.getErr());
    }
    return ex instanceof CommandFailedException f ? f.exitCode() : 1;
  }
}

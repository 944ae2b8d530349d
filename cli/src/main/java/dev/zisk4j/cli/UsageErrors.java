package dev.zisk4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every usage error (a bad value, an unknown option or command, a missing argument) as one line on
 * stderr with one "see '... --help'" hint, exit code 2; never a usage block or a Java class name.
 * Also the execution strategy that refuses errors picocli set aside because {@code --help} was given
 * ({@code zisk4j swarm --help} is an unknown command, not a help request).
 */
final class UsageErrors implements IParameterExceptionHandler, IExecutionStrategy {
  static final int EXIT = 2;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = ex.getMessage() == null ? "bad usage" : ex.getMessage();
    err.println(message + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return EXIT;
  }

  @Override
  public int execute(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      for (Exception e : p.errors()) {
        if (e instanceof ParameterException pe) {
          throw pe;
        }
      }
      if (!p.unmatched().isEmpty() && !p.commandSpec().parser().unmatchedArgumentsAllowed()) {
        throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }
}

package dev.zisk4j.cli;

import dev.zisk4j.cli.input.InputCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zisk4j} command: the single entry point for every tool and server.
 *
 * <p>Each subsystem adds its subcommands to the {@code subcommands} list below; each subcommand is
 * a small class in this package (or a sub-package) with its own {@code --help}.
 * Exit codes: 0 success, 1 a failed operation (invalid proof, server error), 2 bad usage.
 */
@Command(
    name = "zisk4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Proving infrastructure for zero-knowledge virtual machines.",
    subcommands = {
      CommandLine.HelpCommand.class,
      dev.zisk4j.cli.demo.DemoCommand.class,
      dev.zisk4j.cli.engine.ProveCommand.class,
      dev.zisk4j.cli.engine.VerifyCommand.class,
      dev.zisk4j.cli.engine.ExecuteCommand.class,
      dev.zisk4j.cli.engine.AsmCommand.class,
      dev.zisk4j.cli.engine.DisasmCommand.class,
      InputCommand.class,
      dev.zisk4j.cli.datastream.DatastreamCommand.class,
      dev.zisk4j.cli.proverservice.ProverServiceCommand.class,
      dev.zisk4j.cli.proverservice.ZkproverCommand.class,
      dev.zisk4j.cli.cluster.CoordinatorCommand.class,
      dev.zisk4j.cli.cluster.WorkerCommand.class,
      dev.zisk4j.cli.cluster.ClusterCommand.class,
    })
public final class Main {

  public static void main(String[] args) {
    CommandLine cl = newCommandLine();
    int exit = cl.execute(args);
    // picocli's writers flush only on println: output ending in print() (disasm) would be lost at exit
    cl.getOut().flush();
    cl.getErr().flush();
    System.exit(exit);
  }

  /** Runs the command line and returns the exit code, without exiting (for tests). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** A fully configured command line, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new Main());
    UsageErrors usage = new UsageErrors();
    cl.setExecutionExceptionHandler(new FriendlyErrors());
    cl.setParameterExceptionHandler(usage);
    cl.setExecutionStrategy(usage);
    return cl;
  }
}

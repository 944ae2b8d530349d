package dev.zisk4j.cli.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j cluster}: a one-process cluster ({@code local}) and the operator's view of a
 * coordinator through its admin API. Exit codes of the client subcommands: 0 ok, 1 the coordinator
 * answered with an error, 2 bad usage, 3 coordinator unreachable.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Run a cluster on this machine (local) or inspect and steer a coordinator.",
        "Exit codes: 0 ok, 1 the coordinator answered with an error, 2 bad usage, 3 coordinator unreachable."},
    subcommands = {ClusterLocalCommand.class, AdminCommands.Status.class, AdminCommands.Jobs.class,
        AdminCommands.Job.class, AdminCommands.Workers.class, AdminCommands.Launch.class, AdminCommands.Cancel.class,
        AdminCommands.Drain.class})
public final class ClusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand");
  }
}

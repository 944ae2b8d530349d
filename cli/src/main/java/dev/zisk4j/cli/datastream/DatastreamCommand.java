package dev.zisk4j.cli.datastream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j datastream}: tools for zkevm-data-streamer compatible stream files and servers.
 * Each tool is a subcommand class in this package, listed below.
 */
@Command(
    name = "datastream",
    mixinStandardHelpOptions = true,
    description = "Data streamer: stream files, server, client and relay (zkevm-data-streamer compatible).",
    subcommands = {DumpCommand.class, ServerCommand.class, ClientCommand.class, RelayCommand.class})
public final class DatastreamCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: a usage error (exit code 2). */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand");
  }
}

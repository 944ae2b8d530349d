package dev.zisk4j.cli.datastream;

import picocli.CommandLine.Command;

/** {@code zisk4j datastream}: tools for zkevm-data-streamer compatible stream files and servers. */
@Command(
    name = "datastream",
    mixinStandardHelpOptions = true,
    description = "Data streamer: stream files, server, client and relay (zkevm-data-streamer compatible).",
    subcommands = {DumpCommand.class, ServerCommand.class, ClientCommand.class, RelayCommand.class})
public final class DatastreamCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (see --help)");
  }
}

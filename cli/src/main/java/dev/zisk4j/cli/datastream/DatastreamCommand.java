package dev.zisk4j.cli.datastream;

import picocli.CommandLine.Command;

/** {@code zisk4j datastream}: the data streamer's tools. */
@Command(name = "datastream", mixinStandardHelpOptions = true,
    description = "Data streamer (zkevm-data-streamer compatible): server, client, relay.",
    subcommands = {ServerCommand.class, ClientCommand.class, RelayCommand.class})
public final class DatastreamCommand {}

package dev.zisk4j.cli.input;

import picocli.CommandLine.Command;

/** {@code zisk4j input}: build, inspect, stream and receive framed ZisK input. */
@Command(
    name = "input",
    mixinStandardHelpOptions = true,
    description = "Build, inspect, send and receive framed ZisK input (u64 LE length, payload, zero padding to 8).",
    subcommands = {InputEncodeCommand.class, InputDumpCommand.class, InputSendCommand.class,
        InputReceiveCommand.class})
public final class InputCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

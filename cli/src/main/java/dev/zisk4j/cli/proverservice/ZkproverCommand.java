package dev.zisk4j.cli.proverservice;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j zkprover}: a client of {@code zkprover.v1.ZKProverService}. Requests are an
 * {@code InputProver} in the proto's JSON mapping; responses are printed as JSON.
 */
@Command(name = "zkprover", mixinStandardHelpOptions = true,
    description = "Client of a zkprover.v1.ZKProverService server (zisk4j prover-service or any other).",
    subcommands = {ZkproverClientCommands.Status.class, ZkproverClientCommands.GenProof.class,
        ZkproverClientCommands.GetProof.class, ZkproverClientCommands.Cancel.class,
        ZkproverClientCommands.Execute.class, ZkproverVerifyCommand.class})
public final class ZkproverCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand");
  }
}

package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.BadValue;
import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.RunOutcome;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.sdk.ExecuteResult;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.JobHandle;
import dev.zisk4j.sdk.RemoteProverClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zisk4j execute PROGRAM [input options]}: runs a guest without proving. */
@Command(name = "execute", mixinStandardHelpOptions = true,
    description = {"Run a guest (.zasm or image) on an input and print its outputs, steps and time.",
        "With --cluster URL the coordinator runs it (no workers needed)."})
public final class ExecuteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PROGRAM")
  Path program;

  @Mixin
  InputOptions input = new InputOptions();

  @Option(names = "--max-steps", defaultValue = "4000000000", description = "Stop with an error after this many steps (default ${DEFAULT-VALUE}).")
  long maxSteps;

  @Mixin
  ClusterOption cluster = new ClusterOption();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (maxSteps <= 0) {
      throw BadValue.of(spec.commandLine(), "--max-steps", maxSteps, "1 or more");
    }
    input.check(spec.commandLine());
    if (cluster.on()) {
      return executeOnCluster();
    }
    ProgramImage image = ProgramFiles.load(program);
    byte[] in = input.bytes(spec.commandLine().getErr());
    // the program's own RAM size (.memory), as a proof of this run would use
    VmState state = VmState.initial(image);
    OutputTape out = new OutputTape();
    long t0 = System.nanoTime();
    RunOutcome o = new Executor(image).run(state, WordTape.ofBytes(in), out, RunLimits.cycles(maxSteps), null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    PrintWriter w = spec.commandLine().getOut();
    for (long v : out.toArray()) {
      w.println(Long.toUnsignedString(v));
    }
    String stats = String.format("steps %d, poseidon permutations %d, input words read %d, outputs %d, time %.3f s"
        + " (%.1f M steps/s)", state.cycles(), o.permutations(), state.inputPosition(), out.size(), seconds,
        state.cycles() / seconds / 1e6);
    spec.commandLine().getErr().println(stats);
    return switch (o.stop()) {
      case HALTED -> 0;
      case FAULT -> throw new CommandFailedException(o.fault().toString(), 1);
      default -> throw new CommandFailedException("guest did not halt within --max-steps=" + maxSteps, 1);
    };
  }

  /** The same run on a coordinator (its planner executes the guest): outputs and steps as here. */
  private Integer executeOnCluster() throws Exception {
    CommandLine cmd = spec.commandLine();
    cluster.refuseWith(cmd, List.of("--max-steps"), "the coordinator bounds a run by its --max-segments");
    ProgramImage image = ProgramFiles.load(program);
    ZiskStdin in = input.stdin(cmd.getErr());
    try (RemoteProverClient client = cluster.client(cmd)) {
      JobHandle<ExecuteResult> h = client.execute(GuestProgram.fromImage(program.getFileName().toString(), image), in)
          .run();
      ExecuteResult r = cluster.await(h);
      PrintWriter w = cmd.getOut();
      for (long v : r.outputs()) {
        w.println(Long.toUnsignedString(v));
      }
      double seconds = r.time().toNanos() / 1e9;
      cmd.getErr().println(String.format("steps %d, outputs %d, time %.3f s (%.1f M steps/s) on %s (job %s)",
          r.steps(), r.outputs().length, seconds, r.steps() / Math.max(seconds, 1e-9) / 1e6, cluster.url,
          h.jobId().orElse("?")));
      return 0;
    }
  }
}

package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.engine.api.GuestFaultException;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zisk4j prove PROGRAM --input FILE -o PROOF}: proves a run and writes the bundle. */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = "Prove that a guest run on an input halts with its outputs; writes a proof bundle (JZKB).")
public final class ProveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PROGRAM")
  Path program;

  @Mixin
  InputOptions input = new InputOptions();

  @Mixin
  ConfigOptions config = new ConfigOptions();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROOF")
  Path output;

  @Option(names = "--input-uri", paramLabel = "URI",
      description = "Read the input live from a producer (unix://PATH, quic://HOST:PORT, file://PATH) instead of --input; "
          + "proving starts as the words arrive and the input ends when the producer closes.")
  java.net.URI inputUri;

  @Option(names = "--private-input", description = "Do not bind the input into the statement (the verifier will not need it).")
  boolean privateInput;

  @Option(names = "--threads", defaultValue = "0", description = "Worker threads (0 = one per core).")
  int threads;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ProgramImage image = ProgramFiles.load(program);
    ProveOptions opts = config.options(privateInput ? InputMode.PRIVATE : InputMode.PUBLIC, 1 << 16);
    PrintWriter err = spec.commandLine().getErr();
    try (Workers workers = threads > 0 ? Workers.of(threads) : Workers.perCore()) {
      dev.zisk4j.engine.api.ProgressListener bar = (phase, fraction) -> err.printf("[%3.0f%%] %s%n", fraction * 100, phase);
      ProofResult r;
      if (inputUri != null) {
        try (dev.zisk4j.io.InputReader reader = dev.zisk4j.io.InputReader.open(inputUri)) {
          r = new ZkVm(workers).prove(image, reader, opts, bar);
        }
      } else {
        r = new ZkVm(workers).prove(image, input.bytes(), opts, bar);
      }
      Files.write(output, r.bundle());
      PrintWriter out = spec.commandLine().getOut();
      for (long v : r.outputs()) {
        out.println(Long.toUnsignedString(v));
      }
      err.printf("proved %d steps in %d segment(s) in %.2f s; proof %d bytes -> %s%n", r.steps(), r.segments(),
          r.provingNanos() / 1e9, r.bundle().length, output);
      err.printf("security (%s): %s%n", config.security, VerifyCommand.bits(r.security()));
      return 0;
    } catch (GuestFaultException e) {
      throw new CommandFailedException(e.getMessage(), 1);
    } catch (MalformedImageException e) {
      throw new IllegalArgumentException(program + ": " + e.getMessage(), e);
    }
  }
}

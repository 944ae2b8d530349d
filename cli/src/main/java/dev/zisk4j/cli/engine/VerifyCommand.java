package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.stark.StarkVerifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zisk4j verify PROGRAM PROOF [--input FILE]}: exit 0 only for a valid proof. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a proof bundle for a program; with --input for a public-input proof, without for a private one. "
        + "Exit code 0 only if the proof is valid.")
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PROGRAM")
  Path program;

  @Parameters(index = "1", paramLabel = "PROOF")
  Path proof;

  @Mixin
  InputOptions input = new InputOptions();

  @Option(names = "--min-security-bits", defaultValue = "100", description = "Least conjectured security accepted (default ${DEFAULT-VALUE}).")
  int minSecurityBits = StarkVerifier.DEFAULT_MIN_SECURITY_BITS;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var image = ProgramFiles.load(program);
    byte[] bundle = ProgramFiles.read(proof, "proof");
    boolean hasInput = input.file != null || !input.u64Records.isEmpty() || !input.fileRecords.isEmpty() || input.endMarker;
    byte[] in = hasInput ? input.bytes() : null;
    long t0 = System.nanoTime();
    BundleVerdict v;
    try (Workers workers = Workers.of(1)) {
      v = new ZkVm(workers).verify(image, bundle, in, minSecurityBits);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    if (!v.accepted()) {
      throw new CommandFailedException("proof rejected: " + v.error().orElseThrow() + ": " + v.detail(), 1);
    }
    for (long o : v.outputs()) {
      spec.commandLine().getOut().println(Long.toUnsignedString(o));
    }
    spec.commandLine().getErr().printf("proof valid (%.1f ms)%n", ms);
    return 0;
  }
}

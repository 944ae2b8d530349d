package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.stark.SecurityLevel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zisk4j verify PROGRAM PROOF [input options | --private-input]}: exit 0 only for a valid
 * proof. The statement is the caller's: the program (its RAM size included), the input (the input
 * options, possibly none: empty input) or {@code --private-input}, and the accepted options
 * ({@code --security}, default policy: 100 conjectured and 50 proven bits, 16-bit global proof of work,
 * segments up to 2^20 rows). The verdict line reports conjectured and proven bits.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify a proof bundle for a program and its input (the input options; none means empty input), "
        + "or with --private-input for a private-input proof. Exit code 0 only if the proof is valid.",
        "With --cluster URL the check still runs here (the cluster API has no verify call, as ZisK's).",
        "Accepted options: --security conjectured-100 (default: >= 100 conjectured and >= 50 proven bits, "
            + ">= 16-bit global proof of work, segments <= 2^20 rows) or proven-100 (>= 100 proven bits)."})
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PROGRAM")
  Path program;

  @Parameters(index = "1", paramLabel = "PROOF")
  Path proof;

  @Mixin
  InputOptions input = new InputOptions();

  @Option(names = "--private-input", description = "The proof is about some input the verifier does not hold.")
  boolean privateInput;

  @Option(names = "--security", defaultValue = "conjectured-100", paramLabel = "PROFILE",
      description = "What the proof must be worth: conjectured-100 (default) or proven-100.")
  String security;

  @Option(names = "--min-security-bits", paramLabel = "BITS",
      description = "Least conjectured security accepted (default: the --security profile's, 100).")
  Integer minConjecturedBits;

  @Option(names = "--min-proven-bits", paramLabel = "BITS",
      description = "Least proven (list-decoding) security accepted (default: the --security profile's, 50 or 100).")
  Integer minProvenBits;

  @Mixin
  ClusterOption cluster = new ClusterOption();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (privateInput && input.any()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--private-input takes no input options: "
          + "a private-input proof is about an input the verifier does not hold");
    }
    input.check(spec.commandLine());
    if (cluster.on()) {
      // the client API has no verify call (nor has ZisK's): a cluster's proofs are verified by the client,
      // as ProverClient.remote does; the URL is still checked so a typo is not silently accepted
      cluster.client(spec.commandLine()).close();
      spec.commandLine().getErr().println("verifying here: the coordinator API has no verify call, and a proof "
          + "from " + cluster.url + " is an ordinary bundle");
    }
    VerifyPolicy policy = policy();
    var image = ProgramFiles.load(program);
    byte[] bundle = ProgramFiles.read(proof, "proof");
    ExpectedInput expected = privateInput ? ExpectedInput.privateInput()
        : ExpectedInput.of(input.bytes(spec.commandLine().getErr()));
    long t0 = System.nanoTime();
    BundleVerdict v;
    try (Workers workers = Workers.of(1)) {
      v = new ZkVm(workers).verify(image, bundle, expected, policy);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    PrintWriter err = spec.commandLine().getErr();
    if (!v.accepted()) {
      String worth = v.security().map(s -> "; " + bits(s)).orElse("");
      throw new CommandFailedException("proof rejected: " + v.error().orElseThrow() + ": " + v.detail() + worth, 1);
    }
    for (long o : v.outputs()) {
      spec.commandLine().getOut().println(Long.toUnsignedString(o));
    }
    err.printf("proof valid (%.1f ms): %s; %s%n", ms, bits(v.security().orElseThrow()), policy);
    return 0;
  }

  private VerifyPolicy policy() {
    VerifyPolicy p = SecurityProfile.of(security).policy();
    if (minConjecturedBits != null) {
      p = p.withMinConjecturedBits(minConjecturedBits);
    }
    if (minProvenBits != null) {
      p = p.withMinProvenBits(minProvenBits);
    }
    return p;
  }

  /** "105 conjectured bits, 58 proven bits (list decoding), 40 (unique decoding)". */
  static String bits(SecurityLevel s) {
    return s.conjectured() + " conjectured bits, " + s.proven() + " proven bits (list decoding), "
        + s.uniqueDecoding() + " (unique decoding)";
  }
}

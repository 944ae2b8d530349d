package dev.zisk4j.cli.proverservice;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.proverservice.ServiceConfig;
import dev.zisk4j.proverservice.guest.ProofCheck;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.guest.RollupGuest;
import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.sdk.GuestProgram;
import dev.zisk4j.sdk.ProverClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zisk4j zkprover verify PROOF --input FILE}: checks a saved GetProof response locally. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a saved GetProof response (get-proof -o) against the InputProver it answers, locally:",
        "guest, guest input, bundle, proven root and input hash. Prints the statement it proves; exit 0 only if valid."})
public final class ZkproverVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PROOF", description = "GetProofResponse as proto JSON (zisk4j zkprover get-proof -o).")
  Path proof;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "The InputProver (proto JSON) it answers.")
  Path input;

  @Option(names = "--guest", paramLabel = "FILE", description = "The guest program (default: the rollup guest).")
  Path guest;

  @Option(names = "--security", paramLabel = "PROFILE",
      description = "What the proof must be worth: default (= conjectured-100: >= 100 conjectured and >= 50 proven bits) "
          + "or proven-100 (>= 100 proven bits).")
  String security = "default";

  @Option(names = "--min-security-bits", paramLabel = "N",
      description = "Least conjectured security accepted (default: the --security profile's, 100).")
  Integer minSecurityBits;

  private VerifyPolicy policy() {
    VerifyPolicy p = ServiceConfig.securityProfile(security).policy();
    return minSecurityBits == null ? p : p.withMinConjecturedBits(minSecurityBits);
  }

  @Override
  public Integer call() throws Exception {
    GetProofResponse saved = ProtoJson.read(proof, GetProofResponse.newBuilder(), "GetProofResponse").build();
    InputProver request = ProtoJson.read(input, InputProver.newBuilder(), "InputProver").build();
    GuestProgram program = guest == null ? RollupGuest.load() : GuestProgram.fromFile(guest);
    try (ProvingBackend b = new ProvingBackend(ProverClient.embedded().options(ProveOptions.standard()).build(), program,
        policy())) {
      ProofCheck.Statement st = ProofCheck.check(saved, request, new InputValidator(InputLimits.defaults()), b);
      spec.commandLine().getOut().println("valid: " + st + " (" + b.policy() + ")");
      spec.commandLine().getOut().flush();
      return 0;
    } catch (InputRejectedException e) {
      throw new CommandFailedException("proof rejected: " + e.getMessage(), 1);
    }
  }
}

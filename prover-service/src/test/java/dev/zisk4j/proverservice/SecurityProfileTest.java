package dev.zisk4j.proverservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proverservice.guest.ProofCheck;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.input.InputValidator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --security}: the service proves at the profile's options and accepts only what its policy wants. */
class SecurityProfileTest {
  static final InputProver IN = TestInputs.request(1, 1);

  @TempDir Path dir;

  static GetProofResponse proveAt(Path dir, SecurityProfile p) throws InterruptedException {
    try (TestService t = TestService.start(dir, TestService.config().withSecurity(p))) {
      var gen = t.client.genProof(IN);
      GetProofResponse r = t.client.getProof(gen.response().getId(), 5, Duration.ofSeconds(120));
      assertThat(r.getResult()).as(r.getResultString()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
      return r;
    }
  }

  static ProofCheck.Statement check(GetProofResponse r, SecurityProfile policy)
      throws InputRejectedException, InterruptedException {
    try (ProvingBackend b = TestService.backend(TestService.config().withSecurity(policy))) {
      return ProofCheck.check(r, IN, new InputValidator(InputLimits.defaults()), b);
    }
  }

  @Test
  void aProvenHundredServiceProvesWhatAProvenHundredVerifierAccepts() throws Exception {
    GetProofResponse proven = proveAt(dir.resolve("p"), SecurityProfile.PROVEN_100);
    assertThat(check(proven, SecurityProfile.PROVEN_100).newStateRoot()).isEqualTo(TestInputs.fold4Root(IN));
    // The default policy accepts the stronger proof too.
    assertThat(check(proven, SecurityProfile.CONJECTURED_100).newStateRoot()).isEqualTo(TestInputs.fold4Root(IN));
  }

  @Test
  void aDefaultProofIsRefusedByAProvenHundredVerifierNamingTheBits() throws Exception {
    GetProofResponse weak = proveAt(dir.resolve("d"), SecurityProfile.DEFAULT);
    assertThat(check(weak, SecurityProfile.DEFAULT).newStateRoot()).isEqualTo(TestInputs.fold4Root(IN));
    assertThatThrownBy(() -> check(weak, SecurityProfile.PROVEN_100))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("the bundle does not verify")
        .hasMessageContaining("INSECURE_CONFIG")
        .hasMessageContaining("policy minimum=100");
  }

  @Test
  void profileNames() {
    assertThat(ServiceConfig.securityProfile("default")).isEqualTo(SecurityProfile.CONJECTURED_100);
    assertThat(ServiceConfig.securityProfile("conjectured-100")).isEqualTo(SecurityProfile.CONJECTURED_100);
    assertThat(ServiceConfig.securityProfile("PROVEN-100")).isEqualTo(SecurityProfile.PROVEN_100);
    assertThat(ServiceConfig.defaults().security()).isEqualTo(SecurityProfile.DEFAULT);
    assertThatThrownBy(() -> ServiceConfig.securityProfile("proven-128"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown security profile: proven-128 (known: default, conjectured-100, proven-100)");
  }
}

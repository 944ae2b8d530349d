package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.stark.SecurityLevel;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 finding 4: the verdict reports conjectured and proven bits, the default policy enforces a
 * minimum on each and a non-zero global proof of work, and the policy has a wire form.
 */
class VerifyPolicyTest {
  static final Workers WORKERS = Workers.of(2);
  static final ProgramImage FIB = TestGuests.image("fib");
  static final byte[] INPUT = TestGuests.records(new long[] {20});
  static Bundle honest;

  @BeforeAll
  static void prove() throws Exception {
    honest = Bundle.decode(new ZkVm(WORKERS).prove(FIB, INPUT, new ProveOptions(10, ProofOptions.DEFAULT,
        InputMode.PUBLIC, 4), ProgressListener.NONE).bundle());
  }

  @AfterAll
  static void close() {
    WORKERS.close();
  }

  static BundleVerdict verify(Bundle b, VerifyPolicy policy) {
    return new BundleVerifier(WORKERS).verify(FIB, b, ExpectedInput.of(INPUT), policy);
  }

  /** The honest bundle under another config, with a fresh global proof of work. */
  static Bundle under(VmConfig c) {
    byte[] air = VmAir.of(FIB, InputMode.PUBLIC).constraints().digest();
    return new Bundle(c, honest.statement(), GlobalTranscript.grind(c, honest.statement(), air, honest.segPublics()),
        honest.segPublics(), honest.proofs());
  }

  @Test
  void theVerdictReportsConjecturedAndProvenBitsPerAir() {
    BundleVerdict v = verify(honest, VerifyPolicy.DEFAULT);
    assertThat(v.accepted()).as(v.toString()).isTrue();
    SecurityLevel s = v.security().orElseThrow();
    assertThat(s.conjectured()).isEqualTo(105);
    assertThat(s.proven()).isBetween(55, 61);
    assertThat(s.uniqueDecoding()).isBetween(38, 42);
    assertThat(v.airs()).hasSize(1);
    AirSecurity air = v.airs().get(0);
    assertThat(air.airDigest()).isEqualTo(VmAir.of(FIB, InputMode.PUBLIC).constraints().digest());
    assertThat(air.name()).isEqualTo("zisk4j/vm/v1");
    assertThat(v.toString()).contains("105 conjectured");
  }

  @Test
  void theDefaultPolicyEnforcesEachMinimum() {
    // a proven minimum above what the config gives
    BundleVerdict proven = verify(honest, VerifyPolicy.DEFAULT.withMinProvenBits(80));
    assertThat(proven.error()).contains(BundleError.INSECURE_CONFIG);
    assertThat(proven.detail()).contains("provenBits=").contains("policy minimum=80");
    assertThat(proven.security()).isPresent();
    // queries below the grinding floor: once "109 bits", now 77 conjectured
    BundleVerdict floor = verify(under(new VmConfig(10, 6, 3, 26, 32, 2, 2, 1)), VerifyPolicy.DEFAULT);
    assertThat(floor.error()).as(floor.toString()).contains(BundleError.INSECURE_CONFIG);
    assertThat(floor.detail()).contains("conjecturedBits=77");
    // no global proof of work
    BundleVerdict pow = verify(under(new VmConfig(10, 6, 3, 40, 0, 2, 2, 1)), VerifyPolicy.DEFAULT);
    assertThat(pow.error()).as(pow.toString()).contains(BundleError.GLOBAL_POW_TOO_WEAK);
    assertThat(pow.detail()).contains("globalPowBits=0");
    // segments larger than the verifier wants to key
    assertThat(verify(honest, VerifyPolicy.DEFAULT.withMaxLogRows(9)).error()).contains(BundleError.SEGMENT_TOO_LARGE);
  }

  @Test
  void policyWireFormRoundTripsAndIsStrict() throws Exception {
    assertThat(HexFormat.of().formatHex(VerifyPolicy.DEFAULT.encode())).isEqualTo("0164321014");
    assertThat(VerifyPolicy.decode(VerifyPolicy.DEFAULT.encode())).isEqualTo(VerifyPolicy.DEFAULT);
    assertThatThrownBy(() -> VerifyPolicy.decode(new byte[4])).hasMessageContaining("5 bytes");
    assertThatThrownBy(() -> VerifyPolicy.decode(new byte[] {2, 100, 50, 16, 20})).hasMessageContaining("version=2");
    assertThatThrownBy(() -> VerifyPolicy.decode(new byte[] {1, (byte) 200, 50, 16, 20}))
        .hasMessageContaining("minConjecturedBits=200");
    assertThatThrownBy(() -> VerifyPolicy.decode(new byte[] {1, 100, 50, 16, 23})).hasMessageContaining("maxLogRows=23");
    assertThatThrownBy(() -> new VerifyPolicy(100, 50, 33, 20)).hasMessageContaining("minGlobalPowBits=33");
  }
}

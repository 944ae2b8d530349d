package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.Opcode;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 finding 2: hostile configurations are refused cheaply and with a typed verdict. The verifier
 * works from cheap to expensive (parse, policy, proof of work, key, proofs), so a bundle of a few
 * hundred bytes cannot make it compute a verifying key of 2^24 rows, and a config the engine cannot
 * carry (blowup 2 for degree-3 constraints) is a verdict, not an exception.
 */
class HostileConfigTest {
  static final Workers WORKERS = Workers.of(2);
  static final ProgramImage FIB = TestGuests.image("fib");
  static final byte[] INPUT = TestGuests.records(new long[] {20});
  static Bundle honest;

  @BeforeAll
  static void prove() throws Exception {
    ZkVm vm = new ZkVm(WORKERS);
    honest = Bundle.decode(vm.prove(FIB, INPUT, new ProveOptions(10, ProofOptions.DEFAULT, InputMode.PUBLIC, 4),
        ProgressListener.NONE).bundle());
  }

  @AfterAll
  static void close() {
    WORKERS.close();
  }

  /** A bundle of one empty segment claiming segments of 2^22 rows at blowup 4 (LDE of 2^24 points), RAM 2^20. */
  static byte[] hostile(ProgramImage image, VmConfig config, boolean validNonce) {
    Statement st = new Statement(image.imageId(), new byte[32], Statement.digest(new byte[0]), 0, InputMode.PUBLIC,
        new long[0]);
    long halt = 0;
    while (image.code().get((int) halt).op() != Opcode.HALT) {
      halt++;
    }
    SegPublic p = new SegPublic(0, new long[7], halt, new long[7], 0, 0, 0, 0, new byte[32]);
    List<SegPublic> segs = List.of(p);
    byte[] air = VmAir.of(image, InputMode.PUBLIC).constraints().digest();
    long nonce = 0;
    while (GlobalTranscript.checkNonce(config, st, air, segs, nonce) != validNonce) {
      nonce++;
    }
    return new Bundle(config, st, nonce, segs, List.of(new SegmentProof(config, 0, config.proofOptions().extension().zero(), config.proofOptions().extension().zero(), new byte[64])))
        .encode();
  }

  @Test
  void aTinyBundleClaimingHugeSegmentsIsRefusedWithinBoundedTimeAndMemory() {
    ProgramImage image = FIB.withLogMemoryWords(20);
    VmConfig huge = new VmConfig(22, 20, 2, 30, 16, 2, 2, VmConfig.HASH_SHA256);
    byte[] bytes = hostile(image, huge, false);
    assertThat(bytes.length).isLessThan(600);
    VerifyPolicy permissive = VerifyPolicy.ANY_SUPPORTED;
    BundleVerifier verifier = new BundleVerifier(WORKERS);
    // warm up the code paths once, then measure
    verifier.verify(image, bytes, ExpectedInput.of(new byte[0]), permissive);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long alloc0 = threads.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    BundleVerdict byDefault = verifier.verify(image, bytes, ExpectedInput.of(new byte[0]), VerifyPolicy.DEFAULT);
    BundleVerdict byPow = verifier.verify(image, bytes, ExpectedInput.of(new byte[0]), permissive);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long allocated = threads.getCurrentThreadAllocatedBytes() - alloc0;
    // the default policy refuses the size; a permissive one stops at the proof of work, before the key
    assertThat(byDefault.error()).as(byDefault.toString()).contains(BundleError.SEGMENT_TOO_LARGE);
    assertThat(byPow.error()).as(byPow.toString()).contains(BundleError.GLOBAL_POW_INVALID);
    assertThat(ms).as("milliseconds for both verdicts").isLessThan(100);
    assertThat(allocated).as("bytes allocated for both verdicts").isLessThan(64L << 20);
  }

  @Test
  void aBlowupBelowTheConstraintDegreeIsATypedVerdict() {
    // blowup 2 cannot carry degree-3 constraints; this once threw IllegalArgumentException
    VmConfig two = new VmConfig(10, 6, 1, 255, 32, 2, 2, VmConfig.HASH_SHA256);
    Bundle b = new Bundle(two, honest.statement(), honest.globalNonce(), honest.segPublics(), honest.proofs());
    for (VerifyPolicy policy : List.of(VerifyPolicy.DEFAULT, VerifyPolicy.ANY_SUPPORTED)) {
      BundleVerdict v = new BundleVerifier(WORKERS).verify(FIB, b.encode(), ExpectedInput.of(INPUT), policy);
      assertThat(v.error()).as(v.toString()).contains(BundleError.UNSUPPORTED_CONFIG);
      assertThat(v.detail()).contains("maxDegree=3, blowup=2");
    }
  }

  @Test
  void everySupportedConfigGivesAVerdictNeverAnException() {
    BundleVerifier verifier = new BundleVerifier(WORKERS);
    int verdicts = 0;
    for (int logN = 9; logN <= 22; logN++) {
      for (int logBlowup = 1; logBlowup <= 4 && logN + logBlowup <= 24; logBlowup++) {
        for (int queries : new int[] {1, 29, 30, 255}) {
          for (int grind : new int[] {0, 15, 16, 32}) {
            for (int logM : new int[] {6, Math.min(20, logN - 2)}) {
              VmConfig c = new VmConfig(logN, logM, logBlowup, queries, grind, 2, 2, VmConfig.HASH_SHA256);
              if (c.equals(honest.config())) {
                continue;
              }
              Bundle b = new Bundle(c, honest.statement(), honest.globalNonce(), honest.segPublics(), honest.proofs());
              for (VerifyPolicy policy : List.of(VerifyPolicy.DEFAULT, VerifyPolicy.ANY_SUPPORTED)) {
                BundleVerdict v = verifier.verify(FIB, b, ExpectedInput.of(INPUT), policy);
                assertThat(v.accepted()).as(c + " " + v).isFalse();
                verdicts++;
              }
            }
          }
        }
      }
    }
    assertThat(verdicts).isGreaterThan(1000);
  }
}

package dev.zisk4j.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.TestGuests;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and magic-prefixed random bytes: every engine parser answers with its own checked error. */
class HostileBytesTest {
  private static final Workers WORKERS = Workers.of(1);
  private static final BundleVerifier VERIFIER = new BundleVerifier(WORKERS);
  private static final ProgramImage FIB = TestGuests.image("fib");

  @Provide
  Arbitrary<byte[]> hostile() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    return Arbitraries.oneOf(raw,
        raw.map(b -> prefixed("JZKB\u0002\u0000", b)),
        raw.map(b -> prefixed("JZKS\u0001\u0000", b)),
        raw.map(b -> prefixed("JZKP\u0002\u0000", b)));
  }

  private static byte[] prefixed(String magic, byte[] tail) {
    byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[m.length + tail.length];
    System.arraycopy(m, 0, out, 0, m.length);
    System.arraycopy(tail, 0, out, m.length, tail.length);
    return out;
  }

  @Property(tries = 400)
  void parsersOnlyThrowTheirCheckedErrors(@ForAll("hostile") byte[] bytes) {
    assertOnly(MalformedProofException.class, () -> Bundle.decode(bytes));
    assertOnly(MalformedProofException.class, () -> SegmentProof.decode(bytes));
    assertOnly(MalformedProofException.class, () -> Checkpoint.decode(bytes, 1 << 14));
    assertOnly(MalformedProofException.class, () -> SegmentCommitment.decode(bytes));
    assertOnly(MalformedProofException.class, () -> GlobalChallenges.decode(bytes));
    assertOnly(MalformedProofException.class, () -> SegPublic.decode(bytes));
    assertOnly(MalformedProofException.class, () -> VmConfig.decode(bytes));
    assertOnly(MalformedImageException.class, () -> ProgramImage.decode(bytes));
    BundleVerdict v = VERIFIER.verify(FIB, bytes, ExpectedInput.of(new byte[8]), VerifyPolicy.DEFAULT);
    assertThat(v.error()).contains(BundleError.MALFORMED);
  }

  interface Parse {
    Object run() throws Exception;
  }

  private static void assertOnly(Class<? extends Exception> allowed, Parse p) {
    Throwable t = catchThrowable(p::run);
    if (t != null) {
      assertThat(t).isInstanceOf(allowed);
    }
  }
}

package dev.zisk4j.engine.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.air.toy.FibonacciAir;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.Statement;
import dev.zisk4j.engine.segment.VerifyingKeys;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.stark.ProofShape;
import dev.zisk4j.engine.stark.StarkProtocol;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 finding 6 (hygiene): an AIR is identified by a digest of its constraint system, not its
 * name; no public way to plant a verifying key; statement outputs must be canonical.
 */
class AirDigestTest {
    /** An AIR with the Fibonacci AIR's name and one constraint changed. */
    static final class Impostor implements Air {
        private final ConstraintSystem cs;

        Impostor(long step) {
            AirBuilder b = new AirBuilder(2);
            Column a = b.main("a");
            Column bb = b.main("b");
            var a0 = b.publicBase("A0");
            var b0 = b.publicBase("B0");
            var result = b.publicBase("RESULT");
            b.transition("a_next", "step", a.next().sub(bb.cur()));
            Expr next = bb.next().sub(a.cur().add(bb.cur()));
            b.transition("b_next", "step", step == 0 ? next : next.sub(step));
            b.first("a_first", "boundary", a.cur().sub(a0));
            b.first("b_first", "boundary", bb.cur().sub(b0));
            b.last("b_last", "boundary", bb.cur().sub(result));
            cs = b.build();
        }

        @Override
        public String name() {
            return new FibonacciAir().name();
        }

        @Override
        public ConstraintSystem constraints() {
            return cs;
        }
    }

    @Test
    void theDigestIsTheConstraintsNotTheName() {
        byte[] fib = new FibonacciAir().constraints().digest();
        assertThat(new FibonacciAir().constraints().digest()).isEqualTo(fib);
        assertThat(new Impostor(0).constraints().digest()).as("same constraints, other names").isEqualTo(fib);
        assertThat(new Impostor(1).constraints().digest()).isNotEqualTo(fib);
        assertThat(new Impostor(1).name()).isEqualTo(new FibonacciAir().name());
    }

    @Test
    void theTranscriptBindsTheDigest() {
        ProofShape shape = ProofShape.of(new FibonacciAir().constraints(), 6, ProofOptions.DEFAULT);
        long[] pub = {0, 1, 8};
        byte[] a = StarkProtocol.open(new FibonacciAir(), shape, pub).state();
        byte[] b = StarkProtocol.open(new Impostor(1), shape, pub).state();
        assertThat(b).as("same name, other constraints: other challenges").isNotEqualTo(a);
        assertThat(StarkProtocol.open(new Impostor(0), shape, pub).state()).isEqualTo(a);
    }

    @Test
    void theVmAirDigestCoversRamSizeAndInputMode() {
        var fib = TestGuests.image("fib");
        byte[] d64 = VmAir.of(fib, InputMode.PUBLIC).constraints().digest();
        assertThat(VmAir.of(fib.withLogMemoryWords(7), InputMode.PUBLIC).constraints().digest()).isNotEqualTo(d64);
        assertThat(VmAir.of(fib, InputMode.PRIVATE).constraints().digest()).isNotEqualTo(d64);
        // the program's code is in the preprocessed columns (vkRoot), not the constraints
        assertThat(VmAir.of(TestGuests.image("sum"), InputMode.PUBLIC).constraints().digest()).isEqualTo(d64);
    }

    @Test
    void nothingPublicPlantsAVerifyingKey() {
        for (Class<?> c : new Class<?>[] {BundleVerifier.class, VerifyingKeys.class}) {
            String[] publicMethods = Arrays.stream(c.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                    .map(Method::getName).distinct().sorted().toArray(String[]::new);
            // verifySegment (a coordinator's per-segment check) derives its key from the program image, like verify
            assertThat(publicMethods).as(c.getSimpleName()).isSubsetOf("verify", "verifySegment", "of");
        }
    }

    @Test
    void statementOutputsMustBeCanonical() {
        assertThatThrownBy(() -> new Statement(new byte[32], new byte[32], new byte[32], 0, InputMode.PUBLIC,
                new long[] {1, -1})).hasMessageContaining("non-canonical output: index=1");
    }
}

package dev.zisk4j.engine.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.air.toy.FibonacciAir;
import dev.zisk4j.engine.air.toy.LogUpAir;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class StarkRoundTripTest {
    static final Workers W = Workers.of(2);
    static final StarkProver PROVER = new StarkProver(ProofOptions.DEFAULT, W);
    static final StarkVerifier VERIFIER = new StarkVerifier();

    @AfterAll
    static void close() {
        W.close();
    }

    @Test
    void fibonacciProvesAndVerifies() {
        FibonacciAir air = new FibonacciAir();
        for (int logN : new int[] {3, 6, 10}) {
            long[][] trace = FibonacciAir.trace(1 << logN, 0, 1);
            long[] pub = FibonacciAir.publics(trace).base();
            byte[] proof = StarkProofFormat.encode(PROVER.prove(air, trace, pub));
            VerifyingKey vk = VerifyingKey.of(air, logN, ProofOptions.DEFAULT, W);
            assertThat(VERIFIER.verify(vk, proof, pub).accepted()).as("logN=%d", logN).isTrue();
            // a wrong claimed result is rejected
            long[] wrong = pub.clone();
            wrong[2] = Goldilocks.add(wrong[2], 1);
            VerificationResult r = VERIFIER.verify(vk, proof, wrong);
            assertThat(r.accepted()).isFalse();
        }
    }

    @Test
    void fibonacciKnownAnswerIsProven() {
        // F(90) = 2880067194370816120 is b on row 89; a 90-row claim is shown via a 128-row trace's row 89,
        // so prove a trace whose last row is F(128) and check the statement the verifier accepts
        long[][] trace = FibonacciAir.trace(128, 0, 1);
        assertThat(trace[1][89]).isEqualTo(2880067194370816120L);
        long[] pub = FibonacciAir.publics(trace).base();
        byte[] proof = StarkProofFormat.encode(PROVER.prove(new FibonacciAir(), trace, pub));
        VerifyingKey vk = VerifyingKey.of(new FibonacciAir(), 7, ProofOptions.DEFAULT, W);
        assertThat(VERIFIER.verify(vk, proof, pub)).isEqualTo(VerificationResult.ACCEPTED);
    }

    @Test
    void logUpProvesAndVerifies() {
        LogUpAir air = new LogUpAir();
        for (int logN : new int[] {4, 9}) {
            long[][] trace = LogUpAir.trace(1 << logN, logN);
            byte[] proof = StarkProofFormat.encode(PROVER.prove(air, trace, new long[0]));
            VerifyingKey vk = VerifyingKey.of(air, logN, ProofOptions.DEFAULT, W);
            VerificationResult r = VERIFIER.verify(vk, proof, new long[0]);
            assertThat(r.accepted()).as(r.toString()).isTrue();
        }
    }

    @Test
    void proofsAreDeterministic() {
        long[][] trace = LogUpAir.trace(64, 1);
        byte[] a = StarkProofFormat.encode(PROVER.prove(new LogUpAir(), trace, new long[0]));
        byte[] b = StarkProofFormat.encode(PROVER.prove(new LogUpAir(), trace, new long[0]));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void invalidTraceFailsToProveNamingTheConstraint() {
        long[][] trace = LogUpAir.trace(64, 2);
        trace[0][5] = 999;
        assertThatThrownBy(() -> PROVER.prove(new LogUpAir(), trace, new long[0]))
                .isInstanceOf(ProvingException.class).hasMessageContaining("L_last");
        long[][] fib = FibonacciAir.trace(64, 0, 1);
        long[] pub = FibonacciAir.publics(fib).base();
        fib[1][30] = 0;
        assertThatThrownBy(() -> PROVER.prove(new FibonacciAir(), fib, pub))
                .isInstanceOf(ProvingException.class).hasMessageContaining("b_next");
    }

    @Test
    void verifierRefusesInsecureOptions() {
        ProofOptions weak = new ProofOptions(3, 2, 10, 0);
        long[][] trace = FibonacciAir.trace(16, 0, 1);
        long[] pub = FibonacciAir.publics(trace).base();
        StarkProver p = new StarkProver(weak, W);
        byte[] proof = StarkProofFormat.encode(p.prove(new FibonacciAir(), trace, pub));
        VerifyingKey vk = VerifyingKey.of(new FibonacciAir(), 4, weak, W);
        assertThat(new StarkVerifier().verify(vk, proof, pub).error()).contains(VerifyError.INSECURE_OPTIONS);
        assertThat(new StarkVerifier(20).verify(vk, proof, pub).accepted()).isTrue();
        // a proof made with other options than the verifier expects
        VerifyingKey strict = VerifyingKey.of(new FibonacciAir(), 4, ProofOptions.DEFAULT, W);
        assertThat(new StarkVerifier().verify(strict, proof, pub).error()).contains(VerifyError.OPTIONS_MISMATCH);
        // a proof for another trace size
        VerifyingKey other = VerifyingKey.of(new FibonacciAir(), 5, weak, W);
        assertThat(new StarkVerifier(20).verify(other, proof, pub).error()).contains(VerifyError.SHAPE_MISMATCH);
    }
}

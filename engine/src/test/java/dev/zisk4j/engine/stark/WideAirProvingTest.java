package dev.zisk4j.engine.stark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.air.AirChecker;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.air.toy.WideAir;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.parallel.Workers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The VM-sized synthetic AIR (pre + main + aux, 8 challenges, degree 3) proves and verifies. */
class WideAirProvingTest {
    static long[] publics(long[][] trace) {
        return new long[] {trace[0][trace[0].length - 1]};
    }

    @Test
    void wideAirAtTwoToTheTen() {
        run(10);
    }

    @Test
    @Tag("long")
    void wideAirAtTwoToTheSixteen() {
        run(16);
    }

    static void run(int logN) {
        WideAir air = new WideAir();
        long[][] trace = WideAir.trace(1 << logN, 1);
        List<Ext> ch = new ArrayList<>();
        for (int i = 0; i < WideAir.CHALLENGES; i++) {
            ch.add(ExtField.QUADRATIC.element(i + 3, i + 5));
        }
        assertThat(AirChecker.check(air, trace, Challenges.of(ExtField.QUADRATIC, ch), PublicValues.ofBase(publics(trace))).ok()).isTrue();
        try (Workers w = Workers.perCore()) {
            byte[] proof = StarkProofFormat.encode(new StarkProver(ProofOptions.DEFAULT, w).prove(air, trace, publics(trace)));
            VerifyingKey vk = VerifyingKey.of(air, logN, ProofOptions.DEFAULT, w);
            VerificationResult r = new StarkVerifier().verify(vk, proof, publics(trace));
            assertThat(r.accepted()).as(r.toString()).isTrue();
            long[] wrong = publics(trace);
            wrong[0] ^= 1;
            assertThat(new StarkVerifier().verify(vk, proof, wrong).accepted()).isFalse();
        }
    }
}

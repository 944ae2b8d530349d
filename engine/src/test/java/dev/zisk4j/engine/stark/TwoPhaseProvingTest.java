package dev.zisk4j.engine.stark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.air.toy.LogUpAir;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Phase 1 commits main; challenges and the transcript come from outside (as the VM's global transcript does). */
class TwoPhaseProvingTest {
    static final Workers W = Workers.of(2);

    @AfterAll
    static void close() {
        W.close();
    }

    /** What a coordinator would do: bind the root into a global transcript, draw challenges and a seed. */
    static Transcript segmentTranscript(byte[] seed, int segIdx) {
        Transcript t = Transcript.create(Transcript.LABEL_SEGMENT);
        t.absorb(TranscriptTag.GLOBAL_SEED, seed);
        t.absorbLongs(TranscriptTag.SEGMENT_INDEX, segIdx);
        return t;
    }

    @Test
    void externalChallengesProveAndVerify() {
        LogUpAir air = new LogUpAir();
        StarkProver prover = new StarkProver(ProofOptions.DEFAULT, W);
        MainCommitment mc = prover.commitMain(air, LogUpAir.trace(256, 5));
        Transcript global = Transcript.create(Transcript.LABEL_GLOBAL);
        global.absorb(TranscriptTag.MAIN_ROOT, mc.mainRoot());
        Challenges ch = Challenges.of(ExtField.QUADRATIC, List.of(global.squeezeExt(ExtField.QUADRATIC)));
        byte[] seed = global.squeeze();

        byte[] proof = StarkProofFormat.encode(prover.provePhase2(mc, ch, PublicValues.NONE, segmentTranscript(seed, 3)));
        VerifyingKey vk = VerifyingKey.of(air, 8, ProofOptions.DEFAULT, W);
        StarkVerifier v = new StarkVerifier();
        assertThat(v.verifyPhase2(vk, proof, mc.mainRoot(), ch, PublicValues.NONE, segmentTranscript(seed, 3))
                .accepted()).isTrue();
        // another segment index, other challenges, or another bound root: rejected
        assertThat(v.verifyPhase2(vk, proof, mc.mainRoot(), ch, PublicValues.NONE, segmentTranscript(seed, 4))
                .accepted()).isFalse();
        Challenges other = Challenges.of(ExtField.QUADRATIC, List.of(ExtField.QUADRATIC.element(5, 6)));
        assertThat(v.verifyPhase2(vk, proof, mc.mainRoot(), other, PublicValues.NONE, segmentTranscript(seed, 3))
                .error()).contains(VerifyError.OOD_MISMATCH);
        byte[] root = mc.mainRoot();
        root[0] ^= 1;
        assertThat(v.verifyPhase2(vk, proof, root, ch, PublicValues.NONE, segmentTranscript(seed, 3)).error())
                .contains(VerifyError.MAIN_ROOT_MISMATCH);
        // phase 2 can run again from the same commitment and gives the same bytes
        assertThat(StarkProofFormat.encode(prover.provePhase2(mc, ch, PublicValues.NONE, segmentTranscript(seed, 3))))
                .isEqualTo(proof);
    }
}

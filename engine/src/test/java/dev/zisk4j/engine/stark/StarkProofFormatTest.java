package dev.zisk4j.engine.stark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.air.toy.FibonacciAir;
import dev.zisk4j.engine.air.toy.LogUpAir;
import dev.zisk4j.engine.parallel.Workers;
import java.security.MessageDigest;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Golden vectors for the JZST layout and the whole protocol (any change to bytes or transcript shows here). */
class StarkProofFormatTest {
    static final Workers W = Workers.of(2);

    @AfterAll
    static void close() {
        W.close();
    }

    static byte[] fibProof(int logN) {
        long[][] t = FibonacciAir.trace(1 << logN, 0, 1);
        return StarkProofFormat.encode(new StarkProver(ProofOptions.DEFAULT, W).prove(new FibonacciAir(), t,
                FibonacciAir.publics(t).base()));
    }

    @Test
    void headerLayout() {
        byte[] p = fibProof(3);
        assertThat(new String(p, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("JZST");
        assertThat(p[4]).isEqualTo((byte) 2);
        // logN, logBlowup, logFold, numQueries, grindingBits, extDegree, hashId
        assertThat(java.util.Arrays.copyOfRange(p, 5, 12)).containsExactly(3, 3, 2, 30, 16, 2, 1);
        // nPre=0, nMain=2, nAux=0 (u16 LE), nChunks=1, nPreNext=0, nMainNext=2, nAuxNext=0
        assertThat(java.util.Arrays.copyOfRange(p, 12, 25)).containsExactly(0, 0, 2, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0);
    }

    /** Golden digests: the proof bytes of fixed statements. Update only with a format/protocol version bump. */
    @Test
    void goldenProofDigests() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(HexFormat.of().formatHex(sha.digest(fibProof(3)))).isEqualTo(GOLDEN_FIB_8);
        long[][] t = LogUpAir.trace(64, 7);
        byte[] logUp = StarkProofFormat.encode(new StarkProver(ProofOptions.DEFAULT, W).prove(new LogUpAir(), t,
                new long[0]));
        assertThat(HexFormat.of().formatHex(sha.digest(logUp))).isEqualTo(GOLDEN_LOGUP_64);
    }

    static final String GOLDEN_FIB_8 = "f93b18ccd5ca78d71b2dd7055521c6fb4c159ea56b0a5ea361cfec2376348837";
    static final String GOLDEN_LOGUP_64 = "92f42c233f0b8d9bd8555a817e1bb951d1dcfd9ec2573da166cb6eae1b159eee";

    @Test
    void encodeDecodeRoundTrip() throws MalformedProofException {
        byte[] p = fibProof(6);
        ProofShape shape = ProofShape.of(new FibonacciAir().constraints(), 6, ProofOptions.DEFAULT);
        assertThat(StarkProofFormat.encode(StarkProofFormat.decode(p, shape))).isEqualTo(p);
    }

    /** Any Fibonacci start proves, and the verifier accepts exactly the true statement. */
    @Property(tries = 8)
    void randomStartsProveAndVerify(@ForAll @IntRange(min = 0, max = 1000) int a0, @ForAll @IntRange(min = 0, max = 1000) int b0,
            @ForAll @IntRange(min = 3, max = 7) int logN) {
        long[][] t = FibonacciAir.trace(1 << logN, a0, b0);
        long[] pub = FibonacciAir.publics(t).base();
        // jqwik runs outside JUnit's class lifecycle, so the property owns its pool
        try (Workers w = Workers.of(2)) {
            byte[] proof = StarkProofFormat.encode(new StarkProver(ProofOptions.DEFAULT, w).prove(new FibonacciAir(), t, pub));
            VerifyingKey vk = VerifyingKey.of(new FibonacciAir(), logN, ProofOptions.DEFAULT, w);
            assertThat(new StarkVerifier().verify(vk, proof, pub).accepted()).isTrue();
            long[] other = pub.clone();
            other[1] = other[1] + 1;
            assertThat(new StarkVerifier().verify(vk, proof, other).accepted()).isFalse();
        }
    }
}

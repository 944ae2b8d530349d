package dev.zisk4j.engine.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GoldilocksTest {
    static final BigInteger P = new BigInteger("18446744069414584321");

    static BigInteger big(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Provide
    Arbitrary<Long> felt() {
        // mix uniform values with the edges where carries and borrows happen
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Goldilocks::reduce64),
                Arbitraries.of(0L, 1L, 2L, Goldilocks.P - 1, Goldilocks.P - 2, Goldilocks.EPS, Goldilocks.EPS + 1,
                        1L << 32, 1L << 63, Goldilocks.P - Goldilocks.EPS));
    }

    @Test
    void constantsKat() {
        assertThat(big(Goldilocks.P)).isEqualTo(P);
        assertThat(big(Goldilocks.EPS)).isEqualTo(BigInteger.TWO.pow(64).mod(P));
        long w = Goldilocks.ROOT_OF_UNITY_2_32;
        assertThat(w).isEqualTo(Goldilocks.pow(7, (Goldilocks.P - 1) >>> 32));
        assertThat(Goldilocks.pow(w, 1L << 31)).isEqualTo(Goldilocks.P - 1);
        assertThat(Goldilocks.pow(w, 1L << 32)).isEqualTo(1);
        // 7 generates F_p^*: 7^((p-1)/q) != 1 for every prime q | p-1 = 2^32·3·5·17·257·65537
        for (long q : new long[] {2, 3, 5, 17, 257, 65537}) {
            assertThat(Goldilocks.pow(7, Long.divideUnsigned(Goldilocks.P - 1, q))).isNotEqualTo(1);
        }
        assertThat(Goldilocks.rootOfUnity(1)).isEqualTo(Goldilocks.P - 1);
        assertThat(Goldilocks.rootOfUnity(2)).isEqualTo(Goldilocks.pow(w, 1L << 30));
        assertThat(Goldilocks.mul(Goldilocks.rootOfUnity(2), Goldilocks.rootOfUnity(2))).isEqualTo(Goldilocks.P - 1);
        assertThat(Goldilocks.rootOfUnity(0)).isEqualTo(1);
        // a fixed multiplication vector, computed with BigInteger once and pinned
        assertThat(Goldilocks.mul(0xFFFF_FFFF_0000_0000L, 0xFFFF_FFFF_0000_0000L)).isEqualTo(1);
        assertThat(Goldilocks.mul(1L << 32, 1L << 32)).isEqualTo(Goldilocks.EPS);
    }

    @Test
    void twoAdicityIsThirtyTwo() {
        BigInteger pm1 = P.subtract(BigInteger.ONE);
        assertThat(pm1.getLowestSetBit()).isEqualTo(Goldilocks.TWO_ADICITY).isEqualTo(32);
        assertThat(Goldilocks.GENERATOR).isEqualTo(7);
        // ι = ω_4 used by FRI folding: ι² = −1
        long iota = dev.zisk4j.engine.fri.FriFolding.IOTA;
        assertThat(Goldilocks.mul(iota, iota)).isEqualTo(Goldilocks.P - 1);
        assertThat(iota).isEqualTo(Goldilocks.pow(Goldilocks.ROOT_OF_UNITY_2_32, 1L << 30));
    }

    @Test
    void rootsOfUnityHaveExactOrder() {
        for (int k = 1; k <= 32; k++) {
            long w = Goldilocks.rootOfUnity(k);
            assertThat(Goldilocks.pow(w, 1L << (k - 1))).as("k=%d", k).isEqualTo(Goldilocks.P - 1);
        }
        assertThatThrownBy(() -> Goldilocks.rootOfUnity(33)).hasMessageContaining("logN=33");
    }

    @Test
    void inverseOfZeroThrowsAndCheckedRejectsNonCanonical() {
        assertThatThrownBy(() -> Goldilocks.inv(0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Goldilocks.checked(Goldilocks.P)).hasMessageContaining("non-canonical");
        assertThat(Goldilocks.checked(Goldilocks.P - 1)).isEqualTo(Goldilocks.P - 1);
        assertThat(Goldilocks.fromSigned(-1)).isEqualTo(Goldilocks.P - 1);
        assertThat(Goldilocks.fromSigned(5)).isEqualTo(5);
    }

    @Property(tries = 2000)
    void addMatchesBigInteger(@ForAll("felt") long a, @ForAll("felt") long b) {
        assertThat(big(Goldilocks.add(a, b))).isEqualTo(big(a).add(big(b)).mod(P));
    }

    @Property(tries = 2000)
    void subMatchesBigInteger(@ForAll("felt") long a, @ForAll("felt") long b) {
        assertThat(big(Goldilocks.sub(a, b))).isEqualTo(big(a).subtract(big(b)).mod(P));
    }

    @Property(tries = 2000)
    void mulMatchesBigInteger(@ForAll("felt") long a, @ForAll("felt") long b) {
        assertThat(big(Goldilocks.mul(a, b))).isEqualTo(big(a).multiply(big(b)).mod(P));
    }

    @Property(tries = 2000)
    void reduce128MatchesBigInteger(@ForAll long hi, @ForAll long lo) {
        BigInteger v = big(hi).shiftLeft(64).add(big(lo));
        assertThat(big(Goldilocks.reduce128(hi, lo))).isEqualTo(v.mod(P));
    }

    @Property(tries = 300)
    void invAndNeg(@ForAll("felt") long a) {
        assertThat(Goldilocks.add(a, Goldilocks.neg(a))).isZero();
        if (a != 0) {
            assertThat(Goldilocks.mul(a, Goldilocks.inv(a))).isEqualTo(1);
        }
    }

    @Property(tries = 300)
    void powMatchesBigInteger(@ForAll("felt") long a, @ForAll long e) {
        assertThat(big(Goldilocks.pow(a, e))).isEqualTo(big(a).modPow(big(e), P));
    }

    @Property(tries = 200)
    void batchInverseMatchesSingle(@ForAll("felt") long a, @ForAll("felt") long b, @ForAll("felt") long c) {
        long[] v = {a == 0 ? 1 : a, b == 0 ? 2 : b, c == 0 ? 3 : c};
        long[] inv = BatchInverse.invert(v);
        for (int i = 0; i < v.length; i++) {
            assertThat(inv[i]).isEqualTo(Goldilocks.inv(v[i]));
        }
    }

    @Test
    void batchInverseNamesTheZero() {
        assertThatThrownBy(() -> BatchInverse.invert(new long[] {1, 2, 0, 4}))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("index=2");
    }
}

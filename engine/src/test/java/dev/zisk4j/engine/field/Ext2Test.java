package dev.zisk4j.engine.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Ext2Test {
    static final BigInteger P = GoldilocksTest.P;

    @Provide
    Arbitrary<Ext2> ext() {
        Arbitrary<Long> f = Arbitraries.longs().map(Goldilocks::reduce64);
        return Combinators.combine(f, f).as(Ext2::new);
    }

    @Test
    void sevenIsANonResidue() {
        // Euler's criterion: 7^((p-1)/2) = -1, so X^2 - 7 is irreducible
        assertThat(Goldilocks.pow(7, (Goldilocks.P - 1) >>> 1)).isEqualTo(Goldilocks.P - 1);
        Ext2 x = new Ext2(0, 1);
        assertThat(x.square()).isEqualTo(Ext2.of(7));
    }

    @Property(tries = 1000)
    void mulMatchesBigIntegerModel(@ForAll("ext") Ext2 a, @ForAll("ext") Ext2 b) {
        BigInteger a0 = GoldilocksTest.big(a.c0()), a1 = GoldilocksTest.big(a.c1());
        BigInteger b0 = GoldilocksTest.big(b.c0()), b1 = GoldilocksTest.big(b.c1());
        BigInteger c0 = a0.multiply(b0).add(a1.multiply(b1).multiply(BigInteger.valueOf(7))).mod(P);
        BigInteger c1 = a0.multiply(b1).add(a1.multiply(b0)).mod(P);
        Ext2 c = a.mul(b);
        assertThat(GoldilocksTest.big(c.c0())).isEqualTo(c0);
        assertThat(GoldilocksTest.big(c.c1())).isEqualTo(c1);
    }

    @Property(tries = 500)
    void fieldAxioms(@ForAll("ext") Ext2 a, @ForAll("ext") Ext2 b, @ForAll("ext") Ext2 c) {
        assertThat(a.mul(b)).isEqualTo(b.mul(a));
        assertThat(a.mul(b).mul(c)).isEqualTo(a.mul(b.mul(c)));
        assertThat(a.mul(b.add(c))).isEqualTo(a.mul(b).add(a.mul(c)));
        assertThat(a.sub(b).add(b)).isEqualTo(a);
        assertThat(a.add(a.neg())).isEqualTo(Ext2.ZERO);
        if (!a.isZero()) {
            assertThat(a.mul(a.inv())).isEqualTo(Ext2.ONE);
        }
    }

    @Property(tries = 200)
    void frobeniusIsConjugation(@ForAll("ext") Ext2 a) {
        // a^p = c0 - c1 X in F_p[X]/(X^2 - 7) since X^p = 7^((p-1)/2) X = -X
        assertThat(a.pow(Goldilocks.P)).isEqualTo(new Ext2(a.c0(), Goldilocks.neg(a.c1())));
    }

    @Test
    void rejectsNonCanonicalAndZeroInverse() {
        assertThatThrownBy(() -> new Ext2(Goldilocks.P, 0)).hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> Ext2.ZERO.inv()).isInstanceOf(ArithmeticException.class);
    }
}

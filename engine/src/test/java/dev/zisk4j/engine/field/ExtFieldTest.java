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

/**
 * Both extension fields against a BigInteger model of F_p[X]/(X^d − 7), the field axioms, inverses (cold and
 * batched), and the Frobenius: that it is the p-th power map, that it has order exactly d (so the quotient ring
 * is a field of degree d, i.e. X^d − 7 is irreducible), and the irreducibility criterion on 7 itself.
 */
class ExtFieldTest {
    static final BigInteger P = GoldilocksTest.P;

    @Provide
    Arbitrary<Ext> quadratic() {
        Arbitrary<Long> f = felts();
        return Combinators.combine(f, f).as((a, b) -> ExtField.QUADRATIC.element(a, b));
    }

    @Provide
    Arbitrary<Ext> cubic() {
        Arbitrary<Long> f = felts();
        return Combinators.combine(f, f, f).as((a, b, c) -> ExtField.CUBIC.element(a, b, c));
    }

    /** Random felts, with the edges (0, 1, p − 1) and sparse elements mixed in. */
    private static Arbitrary<Long> felts() {
        return Arbitraries.oneOf(Arbitraries.longs().map(Goldilocks::reduce64),
                Arbitraries.of(0L, 1L, 7L, Goldilocks.P - 1, Goldilocks.EPS));
    }

    /** The product in F_p[X]/(X^d − 7) computed with BigInteger: schoolbook, then X^(d+k) = 7·X^k. */
    static BigInteger[] modelMul(Ext a, Ext b) {
        int d = a.field().degree();
        BigInteger[] prod = new BigInteger[2 * d - 1];
        java.util.Arrays.fill(prod, BigInteger.ZERO);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                prod[i + j] = prod[i + j].add(GoldilocksTest.big(a.component(i)).multiply(GoldilocksTest.big(b.component(j))));
            }
        }
        BigInteger[] out = new BigInteger[d];
        for (int k = 0; k < d; k++) {
            BigInteger v = prod[k];
            if (k + d < prod.length) {
                v = v.add(prod[k + d].multiply(BigInteger.valueOf(7)));
            }
            out[k] = v.mod(P);
        }
        return out;
    }

    private static void assertMatchesModel(Ext a, Ext b) {
        Ext c = a.mul(b);
        BigInteger[] m = modelMul(a, b);
        for (int k = 0; k < m.length; k++) {
            assertThat(GoldilocksTest.big(c.component(k))).as("component %d", k).isEqualTo(m[k]);
        }
    }

    @Property(tries = 1000)
    void quadraticMulMatchesBigIntegerModel(@ForAll("quadratic") Ext a, @ForAll("quadratic") Ext b) {
        assertMatchesModel(a, b);
    }

    @Property(tries = 1000)
    void cubicMulMatchesBigIntegerModel(@ForAll("cubic") Ext a, @ForAll("cubic") Ext b) {
        assertMatchesModel(a, b);
    }

    private static void axioms(Ext a, Ext b, Ext c) {
        ExtField f = a.field();
        assertThat(a.mul(b)).isEqualTo(b.mul(a));
        assertThat(a.add(b)).isEqualTo(b.add(a));
        assertThat(a.mul(b).mul(c)).isEqualTo(a.mul(b.mul(c)));
        assertThat(a.add(b).add(c)).isEqualTo(a.add(b.add(c)));
        assertThat(a.mul(b.add(c))).isEqualTo(a.mul(b).add(a.mul(c)));
        assertThat(a.sub(b).add(b)).isEqualTo(a);
        assertThat(a.add(a.neg())).isEqualTo(f.zero());
        assertThat(a.mul(f.one())).isEqualTo(a);
        assertThat(a.add(f.zero())).isEqualTo(a);
        assertThat(a.mul(7)).isEqualTo(a.mul(f.of(7)));
        if (!a.isZero()) {
            assertThat(a.mul(a.inv())).isEqualTo(f.one());
            assertThat(a.inv().inv()).isEqualTo(a);
        }
    }

    @Property(tries = 500)
    void quadraticFieldAxioms(@ForAll("quadratic") Ext a, @ForAll("quadratic") Ext b, @ForAll("quadratic") Ext c) {
        axioms(a, b, c);
    }

    @Property(tries = 500)
    void cubicFieldAxioms(@ForAll("cubic") Ext a, @ForAll("cubic") Ext b, @ForAll("cubic") Ext c) {
        axioms(a, b, c);
    }

    private static void frobenius(Ext a, Ext b) {
        int d = a.field().degree();
        // φ is the p-th power map and a ring homomorphism
        assertThat(a.frobenius()).isEqualTo(a.pow(Goldilocks.P));
        assertThat(a.mul(b).frobenius()).isEqualTo(a.frobenius().mul(b.frobenius()));
        assertThat(a.add(b).frobenius()).isEqualTo(a.frobenius().add(b.frobenius()));
        // φ^d = id, and the norm a·φ(a)···φ^(d−1)(a) lies in F_p
        Ext x = a;
        Ext norm = a;
        for (int i = 1; i < d; i++) {
            x = x.frobenius();
            norm = norm.mul(x);
        }
        assertThat(x.frobenius()).isEqualTo(a);
        assertThat(norm).isEqualTo(a.field().of(a.norm()));
        assertThat(norm.isBase()).isTrue();
    }

    @Property(tries = 200)
    void quadraticFrobeniusIsConjugation(@ForAll("quadratic") Ext a, @ForAll("quadratic") Ext b) {
        // X^p = 7^((p−1)/2)·X = −X
        assertThat(a.frobenius()).isEqualTo(ExtField.QUADRATIC.element(a.c0(), Goldilocks.neg(a.c1())));
        frobenius(a, b);
    }

    @Property(tries = 200)
    void cubicFrobenius(@ForAll("cubic") Ext a, @ForAll("cubic") Ext b) {
        frobenius(a, b);
    }

    @Test
    void sevenIsNeitherASquareNorACube() {
        // X^d − 7 is irreducible iff 7 is not a q-th power for the prime q = d (d prime, q | p − 1): by Euler's
        // criterion, 7^((p−1)/q) ≠ 1. 7 generates F_p^* (Goldilocks.GENERATOR), so it is no q-th power for any q.
        assertThat(Goldilocks.pow(7, Long.divideUnsigned(Goldilocks.P - 1, 2))).isEqualTo(Goldilocks.P - 1);
        long g3 = Goldilocks.pow(7, Long.divideUnsigned(Goldilocks.P - 1, 3));
        assertThat(g3).isNotEqualTo(1L);
        // and it is a primitive cube root of unity: the cubic Frobenius constant γ
        assertThat(Goldilocks.mul(g3, Goldilocks.mul(g3, g3))).isEqualTo(1L);
        assertThat(ExtField.CUBIC.frobeniusConstant()).isEqualTo(g3);
        assertThat(Long.remainderUnsigned(Goldilocks.P - 1, 3)).isZero();
    }

    @Test
    void xGeneratesADegreeDExtension() {
        for (ExtField f : new ExtField[] {ExtField.QUADRATIC, ExtField.CUBIC}) {
            int d = f.degree();
            long[] unit = new long[d];
            unit[1] = 1;
            Ext x = f.element(unit);
            // X^d = 7
            assertThat(x.pow(d)).isEqualTo(f.of(7));
            // X's orbit under φ has exactly d elements: X^(p^k) ≠ X for 0 < k < d, X^(p^d) = X. So X has degree d over
            // F_p and the ring F_p[X]/(X^d − 7), of size p^d, is the field F_{p^d}.
            Ext y = x;
            for (int k = 1; k < d; k++) {
                y = y.pow(Goldilocks.P);
                assertThat(y).as("X^(p^%d)", k).isNotEqualTo(x);
            }
            assertThat(y.pow(Goldilocks.P)).isEqualTo(x);
        }
    }

    @Property(tries = 100)
    void batchInverseMatchesSingleInverse(@ForAll("cubic") Ext a, @ForAll("cubic") Ext b, @ForAll("quadratic") Ext c,
            @ForAll("quadratic") Ext e) {
        for (Ext[] pair : new Ext[][] {{a, b}, {c, e}}) {
            ExtField f = pair[0].field();
            if (pair[0].isZero() || pair[1].isZero()) {
                continue;
            }
            long[][] cols = new long[f.degree()][2];
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < f.degree(); k++) {
                    cols[k][i] = pair[i].component(k);
                }
            }
            f.invertInPlace(cols, 0, 2);
            assertThat(f.at(cols, 0, 0)).isEqualTo(pair[0].inv());
            assertThat(f.at(cols, 0, 1)).isEqualTo(pair[1].inv());
            f.mulInPlace(cols, 0, cols, 0, 2);
            assertThat(f.at(cols, 0, 0)).isEqualTo(pair[0].inv().square());
        }
    }

    @Test
    void rejectsNonCanonicalZeroInverseAndMixedFields() {
        assertThatThrownBy(() -> ExtField.QUADRATIC.element(Goldilocks.P, 0)).hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> ExtField.CUBIC.element(0, 0, Goldilocks.P)).hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> new Ext(ExtField.QUADRATIC, 0, 0, 1)).hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> ExtField.CUBIC.element(1, 2)).hasMessageContaining("3 components");
        assertThatThrownBy(() -> ExtField.QUADRATIC.zero().inv()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ExtField.CUBIC.zero().inv()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ExtField.CUBIC.one().add(ExtField.QUADRATIC.one())).hasMessageContaining("different fields");
        assertThatThrownBy(() -> ExtField.ofDegree(4)).hasMessageContaining("2 or 3");
        long[][] zero = new long[3][1];
        assertThatThrownBy(() -> ExtField.CUBIC.invertInPlace(zero, 0, 1)).isInstanceOf(ArithmeticException.class);
    }
}

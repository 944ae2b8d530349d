package dev.zisk4j.engine.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.air.toy.FibonacciAir;
import dev.zisk4j.engine.air.toy.LogUpAir;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import java.util.List;
import org.junit.jupiter.api.Test;

class AirCheckerTest {
    static final Challenges ALPHA = Challenges.of(ExtField.QUADRATIC, List.of(ExtField.QUADRATIC.element(123456789L, 987654321L)));

    @Test
    void fibonacciTraceHoldsAndKnownAnswer() {
        long[][] t = FibonacciAir.trace(128, 0, 1);
        // F(90) = 2880067194370816120 sits at b[89]
        assertThat(t[1][89]).isEqualTo(2880067194370816120L);
        CheckReport r = AirChecker.check(new FibonacciAir(), t, Challenges.NONE, FibonacciAir.publics(t));
        assertThat(r.ok()).as(r.toString()).isTrue();
    }

    @Test
    void fibonacciTamperedCellNamesConstraintAndRow() {
        long[][] t = FibonacciAir.trace(64, 0, 1);
        PublicValues pub = FibonacciAir.publics(t);
        t[0][10] = Goldilocks.add(t[0][10], 1);
        CheckReport r = AirChecker.check(new FibonacciAir(), t, Challenges.NONE, pub);
        assertThat(r.violations()).containsExactly(
                new Violation("a_next", "step", Domain.TRANSITION, 9),
                new Violation("b_next", "step", Domain.TRANSITION, 10));
    }

    @Test
    void fibonacciWrongPublicsNameBoundaryConstraints() {
        long[][] t = FibonacciAir.trace(64, 0, 1);
        CheckReport r = AirChecker.check(new FibonacciAir(), t, Challenges.NONE, PublicValues.ofBase(0, 1, 5));
        assertThat(r.violations()).containsExactly(new Violation("b_last", "boundary", Domain.LAST, 63));
        r = AirChecker.check(new FibonacciAir(), t, Challenges.NONE, PublicValues.ofBase(1, 1, t[1][63]));
        assertThat(r.first().orElseThrow().constraint()).isEqualTo("a_first");
    }

    @Test
    void logUpTraceHoldsAndBrokenLookupIsNamed() {
        LogUpAir air = new LogUpAir();
        long[][] t = LogUpAir.trace(256, 42);
        assertThat(AirChecker.check(air, t, ALPHA, PublicValues.NONE).ok()).isTrue();
        // a query outside the table: the running sum no longer closes
        t[0][17] = 1000;
        CheckReport r = AirChecker.check(air, t, ALPHA, PublicValues.NONE);
        assertThat(r.violations()).containsExactly(new Violation("L_last", "boundary", Domain.LAST, 255));
    }

    @Test
    void logUpWrongMultiplicityOnLastRowIsNamed() {
        LogUpAir air = new LogUpAir();
        long[][] t = LogUpAir.trace(64, 7);
        t[2][63] = 1;
        CheckReport r = AirChecker.check(air, t, ALPHA, PublicValues.NONE);
        assertThat(r.violates("m_last")).isTrue();
    }

    @Test
    void tamperedAuxCellBreaksTheBusAtThatRow() {
        LogUpAir air = new LogUpAir();
        long[][] main = LogUpAir.trace(64, 3);
        long[][] aux = air.buildAux(new long[0][], main, ALPHA, PublicValues.NONE);
        aux[1][20] = Goldilocks.add(aux[1][20], 1);
        CheckReport r = AirChecker.check(air.constraints(), new long[0][], main, aux, ALPHA, PublicValues.NONE);
        assertThat(r.violations()).extracting(Violation::row).containsExactly(19, 20);
        assertThat(r.violations()).extracting(Violation::constraint).containsOnly("bus");
    }

    @Test
    void shapeErrorsAreNamed() {
        FibonacciAir air = new FibonacciAir();
        PublicValues pub = PublicValues.ofBase(0, 1, 0);
        assertThatThrownBy(() -> AirChecker.check(air, new long[][] {new long[8]}, Challenges.NONE, pub))
                .hasMessageContaining("main column count mismatch");
        assertThatThrownBy(() -> AirChecker.check(air, new long[][] {new long[12], new long[12]}, Challenges.NONE, pub))
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> AirChecker.check(air, new long[][] {new long[8], new long[16]}, Challenges.NONE, pub))
                .hasMessageContaining("column=1");
        long[][] t = FibonacciAir.trace(8, 0, 1);
        t[1][3] = -1L;
        assertThatThrownBy(() -> AirChecker.check(air, t, Challenges.NONE, pub)).hasMessageContaining("row=3");
        assertThatThrownBy(() -> AirChecker.check(air, FibonacciAir.trace(8, 0, 1), Challenges.NONE,
                PublicValues.ofBase(0, 1))).hasMessageContaining("public value count mismatch");
    }

    @Test
    void manyViolationsAreCapped() {
        long[][] t = new long[][] {new long[4096], new long[4096]};
        java.util.Arrays.fill(t[0], 1);
        CheckReport r = AirChecker.check(new FibonacciAir(), t, Challenges.NONE, PublicValues.ofBase(0, 0, 0));
        assertThat(r.truncated()).isTrue();
        assertThat(r.violations()).hasSize(AirChecker.MAX_VIOLATIONS);
    }
}

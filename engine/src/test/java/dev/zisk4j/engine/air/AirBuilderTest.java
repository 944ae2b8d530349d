package dev.zisk4j.engine.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AirBuilderTest {
    @Test
    void degreesAndTypesAreTracked() {
        AirBuilder b = new AirBuilder(3);
        Column x = b.main("x");
        Column l = b.aux("l");
        Expr ch = b.challenge("c");
        assertThat(x.cur().degree()).isEqualTo(1);
        assertThat(x.cur().mul(x.next()).mul(ch).degree()).isEqualTo(2);
        assertThat(x.cur().isExt()).isFalse();
        assertThat(x.cur().mul(ch).isExt()).isTrue();
        assertThat(l.cur().isExt()).isTrue();
        assertThat(Expr.constant(5).degree()).isZero();
    }

    @Test
    void rejectsBadConstraints() {
        AirBuilder b = new AirBuilder(3);
        Column x = b.main("x");
        b.transition("t", "f", x.cur().mul(x.cur()).mul(x.cur()));
        assertThatThrownBy(() -> b.transition("t", "f", x.cur())).hasMessageContaining("duplicate constraint name: name=t");
        assertThatThrownBy(() -> b.transition("d4", "f", x.cur().square().square()))
                .hasMessageContaining("degree=4");
        assertThatThrownBy(() -> b.first("b3", "f", x.cur().square().mul(x.cur())))
                .hasMessageContaining("limit=2");
        assertThatThrownBy(() -> b.last("n", "f", x.next())).hasMessageContaining("next-row");
        assertThatThrownBy(() -> b.first("c", "f", Expr.constant(1))).hasMessageContaining("no trace cell");
        assertThatThrownBy(() -> b.main("x")).hasMessageContaining("duplicate name: name=x");
        assertThatThrownBy(() -> Expr.constant(-1)).hasMessageContaining("non-canonical");
        assertThatThrownBy(() -> new AirBuilder(1)).hasMessageContaining("maxDegree");
        b.build();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void commonSubexpressionsAreShared() {
        AirBuilder b = new AirBuilder(3);
        Column x = b.main("x");
        Column y = b.main("y");
        // x*y built twice (and once as y*x) must compile to one node
        b.transition("a", "f", x.cur().mul(y.cur()).add(1));
        b.transition("b", "f", y.cur().mul(x.cur()).sub(1));
        ConstraintSystem cs = b.build();
        // nodes: x, y, x*y, 1, +, -  => 6
        assertThat(cs.compiledNodeCount()).isEqualTo(6);
        assertThat(cs.quotientChunks()).isEqualTo(2);
    }

    /** The block evaluator (prover) and the point evaluator (verifier) agree on random base-field rows. */
    @Test
    void blockAndPointEvaluatorsAgree() {
        AirBuilder b = new AirBuilder(3);
        Column x = b.main("x");
        Column p = b.pre("p");
        Column l = b.aux("l");
        Expr ch = b.challenge("c");
        Expr pb = b.publicBase("pb");
        Expr pe = b.publicExt("pe");
        b.transition("mix", "f", x.next().mul(l.cur()).sub(ch.mul(p.cur())).add(pe).mul(x.cur()).sub(pb));
        b.transition("neg", "f", l.next().neg().add(x.cur().mul(x.cur()).mul(x.next())));
        b.first("f", "g", l.cur().sub(pe).mul(x.cur()));
        ConstraintSystem cs = b.build();
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 16;
        long[][] main = {randCol(rnd, n)};
        long[][] pre = {randCol(rnd, n)};
        long[][] aux = {randCol(rnd, n), randCol(rnd, n)};
        Challenges chv = Challenges.of(ExtField.QUADRATIC, List.of(ExtField.QUADRATIC.element(rnd(rnd), rnd(rnd))));
        PublicValues pub = new PublicValues(new long[] {rnd(rnd)}, new long[] {rnd(rnd), rnd(rnd)});
        BlockEvaluator ev = new BlockEvaluator(cs, chv, pub, 8);
        for (int start = 0; start < n; start += 8) {
            ev.evaluate(pre, main, aux, n, start, 8, 1);
            for (int r = 0; r < 8; r++) {
                int row = start + r;
                int nxt = (row + 1) % n;
                Ext[] v = PointEvaluator.evaluate(cs, (kind, idx, next) -> {
                    int at = next ? nxt : row;
                    return switch (kind) {
                        case PRE -> ExtField.QUADRATIC.of(pre[idx][at]);
                        case MAIN -> ExtField.QUADRATIC.of(main[idx][at]);
                        case AUX -> ExtField.QUADRATIC.element(aux[2 * idx][at], aux[2 * idx + 1][at]);
                    };
                }, chv, pub);
                for (int c = 0; c < v.length; c++) {
                    assertThat(ExtField.QUADRATIC.element(ev.valuesC0(c)[r], ev.valuesC1(c)[r])).as("c=%d row=%d", c, row).isEqualTo(v[c]);
                }
            }
        }
    }

    private static long rnd(SplittableRandom r) {
        return Goldilocks.reduce64(r.nextLong());
    }

    private static long[] randCol(SplittableRandom r, int n) {
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd(r);
        }
        return c;
    }
}

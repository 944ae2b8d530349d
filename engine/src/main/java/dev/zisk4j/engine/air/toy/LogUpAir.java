package dev.zisk4j.engine.air.toy;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.AirBuilder;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.Column;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.Expr;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import java.util.SplittableRandom;

/**
 * Toy LogUp lookup: every query value v (rows 0..N−2) must appear in the table column t, with m counting how
 * often each table row is looked up. The aux column L accumulates Σ 1/(α − v) − m/(α − t) and must return
 * to 0 on the last row, where the table row is inert (m = 0).
 */
public final class LogUpAir implements Air {
    private final ConstraintSystem cs;

    public LogUpAir() {
        AirBuilder b = new AirBuilder(3);
        Column v = b.main("v");
        Column t = b.main("t");
        Column m = b.main("m");
        Column l = b.aux("L");
        Expr alpha = b.challenge("alpha");
        Expr dv = alpha.sub(v.cur());
        Expr dt = alpha.sub(t.cur());
        b.transition("bus", "bus", l.next().sub(l.cur()).mul(dv).mul(dt).sub(dt).add(m.cur().mul(dv)));
        b.first("L_first", "boundary", l.cur());
        b.last("L_last", "boundary", l.cur());
        b.last("m_last", "boundary", m.cur());
        cs = b.build();
    }

    @Override
    public String name() {
        return "toy/logup";
    }

    @Override
    public ConstraintSystem constraints() {
        return cs;
    }

    @Override
    public long[][] buildAux(long[][] pre, long[][] main, Challenges challenges, PublicValues publics) {
        int n = main[0].length;
        ExtField f = challenges.field();
        int d = f.degree();
        Ext alpha = challenges.get(0);
        // 2n denominators: α − v_i then α − t_i
        long[][] den = new long[d][2 * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                den[k][i] = alpha.component(k);
                den[k][n + i] = alpha.component(k);
            }
            den[0][i] = Goldilocks.sub(alpha.c0(), main[0][i]);
            den[0][n + i] = Goldilocks.sub(alpha.c0(), main[1][i]);
        }
        f.invertInPlace(den, 0, 2 * n);
        long[][] l = new long[d][n];
        for (int i = 0; i + 1 < n; i++) {
            long mi = main[2][i];
            for (int k = 0; k < d; k++) {
                long s = Goldilocks.sub(den[k][i], Goldilocks.mul(mi, den[k][n + i]));
                l[k][i + 1] = Goldilocks.add(l[k][i], s);
            }
        }
        return l;
    }

    /** A valid main trace: table t = 0..N−1, queries drawn from rows 0..N−2 of the table with a seeded RNG. */
    public static long[][] trace(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] v = new long[rows];
        long[] t = new long[rows];
        long[] m = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i;
        }
        for (int i = 0; i < rows; i++) {
            int pick = rnd.nextInt(rows - 1);
            v[i] = pick;
            if (i < rows - 1) {
                m[pick]++;
            }
        }
        return new long[][] {v, t, m};
    }
}

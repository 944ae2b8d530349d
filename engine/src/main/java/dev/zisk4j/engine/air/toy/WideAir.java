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
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic AIR with the VM's dimensions (design §3.1: 72 main, 5 preprocessed, 10 aux ext columns, 8
 * challenges, degree 3) for benchmarks and scale tests. Main column j follows
 * m_j' = m_j·m_{j+1}·m_{j+2} + j + 1 (indices mod 72); preprocessed column k is (k+1)·row; aux column k is a
 * running sum L_k' = L_k + 1/(α_k − m_k) with L_k[0] = 0; pairwise sums of the main constraints are added so
 * the constraint count (~150) matches the VM's.
 */
public final class WideAir implements Air {
    public static final int MAIN = 72;
    public static final int PRE = 5;
    public static final int AUX = 10;
    public static final int CHALLENGES = 8;
    private final ConstraintSystem cs;

    public WideAir() {
        AirBuilder b = new AirBuilder(3);
        Column[] m = new Column[MAIN];
        for (int j = 0; j < MAIN; j++) {
            m[j] = b.main("m" + j);
        }
        Column[] p = new Column[PRE];
        for (int k = 0; k < PRE; k++) {
            p[k] = b.pre("p" + k);
        }
        Column[] l = new Column[AUX];
        for (int k = 0; k < AUX; k++) {
            l[k] = b.aux("L" + k);
        }
        Expr[] alpha = new Expr[CHALLENGES];
        for (int k = 0; k < CHALLENGES; k++) {
            alpha[k] = b.challenge("alpha" + k);
        }
        Expr last = b.publicBase("M0_LAST");
        List<Expr> step = new ArrayList<>();
        for (int j = 0; j < MAIN; j++) {
            Expr e = m[j].next().sub(m[j].cur().mul(m[(j + 1) % MAIN].cur()).mul(m[(j + 2) % MAIN].cur())).sub(j + 1);
            step.add(e);
            b.transition("step" + j, "step", e);
        }
        for (int j = 0; j + 1 < MAIN; j += 2) {
            b.transition("pair" + j, "pair", step.get(j).add(step.get(j + 1)));
        }
        for (int k = 0; k < PRE; k++) {
            b.transition("pre" + k, "pre", p[k].next().sub(p[k].cur()).sub(k + 1));
        }
        for (int k = 0; k < AUX; k++) {
            b.transition("bus" + k, "bus", l[k].next().sub(l[k].cur()).mul(alpha[k % CHALLENGES].sub(m[k].cur())).sub(1));
            b.first("bus_first" + k, "boundary", l[k].cur());
        }
        b.last("m0_last", "boundary", m[0].cur().sub(last));
        cs = b.build();
    }

    @Override
    public String name() {
        return "toy/wide";
    }

    @Override
    public ConstraintSystem constraints() {
        return cs;
    }

    @Override
    public long[][] preprocessed(int rows) {
        long[][] pre = new long[PRE][rows];
        for (int k = 0; k < PRE; k++) {
            for (int i = 0; i < rows; i++) {
                pre[k][i] = Goldilocks.mul(k + 1, i);
            }
        }
        return pre;
    }

    @Override
    public long[][] buildAux(long[][] pre, long[][] main, Challenges ch, PublicValues pub) {
        int n = main[0].length;
        ExtField f = ch.field();
        int d = f.degree();
        long[][] aux = new long[d * AUX][n];
        long[][] den = new long[d][n];
        for (int k = 0; k < AUX; k++) {
            Ext a = ch.get(k % CHALLENGES);
            for (int i = 0; i < n; i++) {
                den[0][i] = Goldilocks.sub(a.c0(), main[k][i]);
                for (int c = 1; c < d; c++) {
                    den[c][i] = a.component(c);
                }
            }
            f.invertInPlace(den, 0, n);
            for (int c = 0; c < d; c++) {
                long[] col = aux[d * k + c];
                long[] inv = den[c];
                for (int i = 0; i + 1 < n; i++) {
                    col[i + 1] = Goldilocks.add(col[i], inv[i]);
                }
            }
        }
        return aux;
    }

    /** A valid main trace of {@code rows} rows from a seed; the public value is m0 on the last row. */
    public static long[][] trace(int rows, long seed) {
        long[][] m = new long[MAIN][rows];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int j = 0; j < MAIN; j++) {
            m[j][0] = Goldilocks.reduce64(r.nextLong());
        }
        for (int i = 0; i + 1 < rows; i++) {
            for (int j = 0; j < MAIN; j++) {
                long v = Goldilocks.mul(Goldilocks.mul(m[j][i], m[(j + 1) % MAIN][i]), m[(j + 2) % MAIN][i]);
                m[j][i + 1] = Goldilocks.add(v, j + 1);
            }
        }
        return m;
    }
}

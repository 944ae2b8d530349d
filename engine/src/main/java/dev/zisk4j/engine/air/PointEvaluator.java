package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Ext;

/**
 * Evaluates every constraint at one extension-field point from the columns' values there, for the
 * verifier's out-of-domain check. Same compiled program as {@link BlockEvaluator}, extension arithmetic
 * throughout. Cold code: allocates freely.
 */
public final class PointEvaluator {
    private PointEvaluator() {}

    /**
     * Returns the value of each constraint (in constraint order).
     *
     * @throws IllegalArgumentException if the bindings do not match the declared counts
     */
    public static Ext[] evaluate(ConstraintSystem cs, CellValues cells, Challenges ch, PublicValues pub) {
        cs.checkBindings(ch, pub);
        ConstraintProgram p = cs.program();
        Ext[] v = p.uniformValues(ch, pub);
        for (int i = 0; i < p.size; i++) {
            if (p.uniform[i]) {
                continue;
            }
            v[i] = p.op[i] == ConstraintProgram.VAR
                    ? cells.value(p.kind[i], (int) p.value[i], p.next[i])
                    : ConstraintProgram.combine(p.op[i], v[p.a[i]], p.b[i] < 0 ? null : v[p.b[i]]);
        }
        Ext[] out = new Ext[p.roots.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = v[p.roots[c]];
        }
        return out;
    }
}

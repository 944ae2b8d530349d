package dev.zisk4j.engine.air;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Trace-level constraint checker: evaluates every constraint on every row of its domain (no STARK, no
 * extension point) and names each failing constraint and row. It runs the same compiled program as the
 * prover, so a trace it accepts is one the prover can prove.
 */
public final class AirChecker {
    /** Violations reported at most (a broken column would otherwise list every row). */
    public static final int MAX_VIOLATIONS = 1000;
    private static final int BLOCK = 256;

    private AirChecker() {}

    /**
     * Checks an AIR on a main trace: builds the preprocessed and aux columns through the AIR.
     *
     * @throws IllegalArgumentException if the trace or the bindings do not fit the AIR
     */
    public static CheckReport check(Air air, long[][] main, Challenges challenges, PublicValues publics) {
        ConstraintSystem cs = air.constraints();
        int n = main.length == 0 ? 0 : main[0].length;
        long[][] pre = air.preprocessed(n);
        TraceShape.check(cs, pre, main, null);
        long[][] aux = air.buildAux(pre, main, challenges, publics);
        return check(cs, pre, main, aux, challenges, publics);
    }

    /**
     * Checks explicit pre, main and aux columns.
     *
     * @throws IllegalArgumentException if the trace or the bindings do not fit the constraint system
     */
    public static CheckReport check(ConstraintSystem cs, long[][] pre, long[][] main, long[][] aux,
            Challenges challenges, PublicValues publics) {
        int n = TraceShape.check(cs, pre, main, aux, challenges.field().degree());
        BlockEvaluator ev = new BlockEvaluator(cs, challenges, publics, BLOCK);
        List<Constraint> constraints = cs.constraints();
        List<Violation> out = new ArrayList<>();
        boolean truncated = false;
        for (int start = 0; start < n && !truncated; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            ev.evaluate(pre, main, aux, n, start, len, 1);
            for (int r = 0; r < len && !truncated; r++) {
                int row = start + r;
                for (Constraint c : constraints) {
                    if (!applies(c.domain(), row, n)) {
                        continue;
                    }
                    if (ev.valuesC0(c.index())[r] != 0 || ev.valuesC1(c.index())[r] != 0 || ev.valuesC2(c.index())[r] != 0) {
                        if (out.size() == MAX_VIOLATIONS) {
                            truncated = true;
                            break;
                        }
                        out.add(new Violation(c.name(), c.family(), c.domain(), row));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(Violation::row));
        return new CheckReport(out, truncated);
    }

    static boolean applies(Domain d, int row, int n) {
        return switch (d) {
            case TRANSITION -> row < n - 1;
            case FIRST -> row == 0;
            case LAST -> row == n - 1;
        };
    }
}

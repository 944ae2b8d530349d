package dev.zisk4j.engine.air.toy;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.AirBuilder;
import dev.zisk4j.engine.air.Column;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Goldilocks;

/**
 * Toy AIR: two columns (a, b) with a' = b and b' = a + b; public values A0, B0 (first row) and RESULT
 * (b on the last row). With A0 = 0, B0 = 1 and N rows, RESULT = F(N).
 */
public final class FibonacciAir implements Air {
    private final ConstraintSystem cs;

    public FibonacciAir() {
        AirBuilder b = new AirBuilder(2);
        Column a = b.main("a");
        Column bb = b.main("b");
        var a0 = b.publicBase("A0");
        var b0 = b.publicBase("B0");
        var result = b.publicBase("RESULT");
        b.transition("a_next", "step", a.next().sub(bb.cur()));
        b.transition("b_next", "step", bb.next().sub(a.cur().add(bb.cur())));
        b.first("a_first", "boundary", a.cur().sub(a0));
        b.first("b_first", "boundary", bb.cur().sub(b0));
        b.last("b_last", "boundary", bb.cur().sub(result));
        cs = b.build();
    }

    @Override
    public String name() {
        return "toy/fibonacci";
    }

    @Override
    public ConstraintSystem constraints() {
        return cs;
    }

    /** The main trace of {@code rows} rows starting from (a0, b0). */
    public static long[][] trace(int rows, long a0, long b0) {
        long[] a = new long[rows];
        long[] b = new long[rows];
        a[0] = a0;
        b[0] = b0;
        for (int i = 1; i < rows; i++) {
            a[i] = b[i - 1];
            b[i] = Goldilocks.add(a[i - 1], b[i - 1]);
        }
        return new long[][] {a, b};
    }

    /** The public values matching {@link #trace}. */
    public static PublicValues publics(long[][] trace) {
        int n = trace[0].length;
        return PublicValues.ofBase(trace[0][0], trace[1][0], trace[1][n - 1]);
    }
}

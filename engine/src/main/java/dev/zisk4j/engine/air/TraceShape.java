package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Goldilocks;

/** Validates that pre, main and aux column arrays fit a constraint system: counts, equal power-of-two lengths, canonical cells. */
public final class TraceShape {
    /** Smallest trace the engine accepts (so FIRST and LAST rows differ and FRI has room). */
    public static final int MIN_ROWS = 8;

    private TraceShape() {}

    /**
     * Returns the row count N; aux columns (if given) over the quadratic field.
     *
     * @throws IllegalArgumentException naming the column kind, index and row at fault
     */
    public static int check(ConstraintSystem cs, long[][] pre, long[][] main, long[][] aux) {
        return check(cs, pre, main, aux, 2);
    }

    /**
     * As {@link #check(ConstraintSystem, long[][], long[][], long[][])} with aux columns over the extension of
     * degree {@code extDegree} (d base columns per aux column).
     *
     * @throws IllegalArgumentException naming the column kind, index and row at fault
     */
    public static int check(ConstraintSystem cs, long[][] pre, long[][] main, long[][] aux, int extDegree) {
        if (main.length != cs.columnCount(ColumnKind.MAIN)) {
            throw new IllegalArgumentException("main column count mismatch: expected="
                    + cs.columnCount(ColumnKind.MAIN) + ", actual=" + main.length);
        }
        int n = main[0].length;
        if (n < MIN_ROWS || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("trace rows must be a power of two >= " + MIN_ROWS + ": rows=" + n);
        }
        checkKind("pre", pre, cs.columnCount(ColumnKind.PRE), n);
        checkKind("main", main, cs.columnCount(ColumnKind.MAIN), n);
        if (aux != null) {
            checkKind("aux", aux, extDegree * cs.columnCount(ColumnKind.AUX), n);
        }
        return n;
    }

    private static void checkKind(String kind, long[][] cols, int expected, int n) {
        if (cols.length != expected) {
            throw new IllegalArgumentException(kind + " column count mismatch: expected=" + expected + ", actual="
                    + cols.length);
        }
        for (int c = 0; c < cols.length; c++) {
            long[] col = cols[c];
            if (col == null || col.length != n) {
                throw new IllegalArgumentException(kind + " column length mismatch: column=" + c + ", expected=" + n
                        + ", actual=" + (col == null ? "null" : col.length));
            }
            for (int r = 0; r < n; r++) {
                if (!Goldilocks.isCanonical(col[r])) {
                    throw new IllegalArgumentException("non-canonical " + kind + " cell: column=" + c + ", row=" + r
                            + ", value=" + Long.toUnsignedString(col[r]));
                }
            }
        }
    }
}

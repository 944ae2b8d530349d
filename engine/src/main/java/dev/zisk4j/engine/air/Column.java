package dev.zisk4j.engine.air;

/** A handle to one trace column, declared with {@link AirBuilder}. */
public record Column(ColumnKind kind, int index, String name) {
    /** The cell on the current row. */
    public Expr cur() {
        return Expr.var(kind, index, false);
    }

    /** The cell on the next row (row i+1; only meaningful in TRANSITION constraints). */
    public Expr next() {
        return Expr.var(kind, index, true);
    }
}

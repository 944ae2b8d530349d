package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Goldilocks;
import java.util.Objects;

/**
 * An immutable symbolic expression over trace cells, challenges, public values and constants.
 *
 * <p>Each node knows whether its value lies in the base field or the extension ({@link #isExt()}) and its
 * degree in the trace polynomials ({@link #degree()}: a column cell is 1, constants, challenges and public
 * values are 0). Constants given as {@code long} must be canonical field elements; use
 * {@link Goldilocks#fromSigned(long)} for small negative numbers. Expressions are built with
 * {@link AirBuilder} handles and compiled once by {@link ConstraintSystem}.
 */
public final class Expr {
    enum Op { CONST, VAR, CHALLENGE, PUBLIC_BASE, PUBLIC_EXT, ADD, SUB, MUL, NEG }

    public static final Expr ZERO = constant(0);
    public static final Expr ONE = constant(1);

    final Op op;
    final Expr a;
    final Expr b;
    /** CONST: the value; VAR/CHALLENGE/PUBLIC_*: the index. */
    final long value;
    /** VAR only. */
    final ColumnKind kind;
    /** VAR only: the cell on the next row. */
    final boolean next;
    private final boolean ext;
    private final int degree;

    private Expr(Op op, Expr a, Expr b, long value, ColumnKind kind, boolean next, boolean ext, int degree) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.value = value;
        this.kind = kind;
        this.next = next;
        this.ext = ext;
        this.degree = degree;
    }

    /** A constant; throws IllegalArgumentException if {@code v} is not a canonical field element. */
    public static Expr constant(long v) {
        return new Expr(Op.CONST, null, null, Goldilocks.checked(v), null, false, false, 0);
    }

    static Expr var(ColumnKind kind, int index, boolean next) {
        return new Expr(Op.VAR, null, null, index, kind, next, kind == ColumnKind.AUX, 1);
    }

    static Expr challenge(int index) {
        return new Expr(Op.CHALLENGE, null, null, index, null, false, true, 0);
    }

    static Expr publicValue(int index, boolean ext) {
        return new Expr(ext ? Op.PUBLIC_EXT : Op.PUBLIC_BASE, null, null, index, null, false, ext, 0);
    }

    private static Expr binary(Op op, Expr x, Expr y) {
        Objects.requireNonNull(y, "operand");
        int d = op == Op.MUL ? x.degree + y.degree : Math.max(x.degree, y.degree);
        return new Expr(op, x, y, 0, null, false, x.ext || y.ext, d);
    }

    public Expr add(Expr o) {
        return binary(Op.ADD, this, o);
    }

    public Expr add(long c) {
        return add(constant(c));
    }

    public Expr sub(Expr o) {
        return binary(Op.SUB, this, o);
    }

    public Expr sub(long c) {
        return sub(constant(c));
    }

    public Expr mul(Expr o) {
        return binary(Op.MUL, this, o);
    }

    public Expr mul(long c) {
        return mul(constant(c));
    }

    public Expr neg() {
        return new Expr(Op.NEG, this, null, 0, null, false, ext, degree);
    }

    public Expr square() {
        return mul(this);
    }

    /** 1 − this: handy for boolean flags. */
    public Expr oneMinus() {
        return ONE.sub(this);
    }

    /** Sum of the given expressions (ZERO for none). */
    public static Expr sum(Iterable<Expr> terms) {
        Expr s = null;
        for (Expr t : terms) {
            s = s == null ? t : s.add(t);
        }
        return s == null ? ZERO : s;
    }

    /** True when the value lies in the extension field (an aux cell, a challenge or an ext public takes part). */
    public boolean isExt() {
        return ext;
    }

    /** Degree in the trace polynomials. */
    public int degree() {
        return degree;
    }

    @Override
    public String toString() {
        return switch (op) {
            case CONST -> Long.toUnsignedString(value);
            case VAR -> kind + "[" + value + "]" + (next ? "'" : "");
            case CHALLENGE -> "ch[" + value + "]";
            case PUBLIC_BASE -> "pub[" + value + "]";
            case PUBLIC_EXT -> "pubExt[" + value + "]";
            case ADD -> "(" + a + " + " + b + ")";
            case SUB -> "(" + a + " - " + b + ")";
            case MUL -> a + "*" + b;
            case NEG -> "-" + a;
        };
    }
}

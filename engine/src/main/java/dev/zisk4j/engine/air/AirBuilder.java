package dev.zisk4j.engine.air;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Declares an AIR: its columns, challenges, public values and constraints, then {@link #build()}s the
 * {@link ConstraintSystem}. Declaration order fixes every index (column order in commitments, challenge
 * order in the transcript, constraint order in the quotient), so it is part of the proof format.
 *
 * <p>Not thread-safe; used once. Every name must be unique within its kind; duplicates throw.
 */
public final class AirBuilder {
    private final int maxDegree;
    private final List<String> pre = new ArrayList<>();
    private final List<String> main = new ArrayList<>();
    private final List<String> aux = new ArrayList<>();
    private final List<String> challenges = new ArrayList<>();
    private final List<String> publicBase = new ArrayList<>();
    private final List<String> publicExt = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final Set<String> constraintNames = new HashSet<>();
    private final Set<String> symbolNames = new HashSet<>();
    private boolean built;

    /**
     * @param maxDegree the largest transition-constraint degree allowed (≥ 2); boundary constraints may have at
     *                  most maxDegree − 1, so the quotient always fits in maxDegree − 1 chunks of N coefficients
     */
    public AirBuilder(int maxDegree) {
        if (maxDegree < 2 || maxDegree > 8) {
            throw new IllegalArgumentException("maxDegree must be in [2, 8]: maxDegree=" + maxDegree);
        }
        this.maxDegree = maxDegree;
    }

    public Column pre(String name) {
        return column(ColumnKind.PRE, pre, name);
    }

    public Column main(String name) {
        return column(ColumnKind.MAIN, main, name);
    }

    public Column aux(String name) {
        return column(ColumnKind.AUX, aux, name);
    }

    /** A random extension-field challenge drawn after the main trace is committed. */
    public Expr challenge(String name) {
        return Expr.challenge(add(challenges, name));
    }

    /** A base-field public value, known to the verifier before proving starts. */
    public Expr publicBase(String name) {
        return Expr.publicValue(add(publicBase, name), false);
    }

    /** An extension-field public value; may depend on the challenges (e.g. a Horner sum of the input tape). */
    public Expr publicExt(String name) {
        return Expr.publicValue(add(publicExt, name), true);
    }

    public void transition(String name, String family, Expr expr) {
        constrain(name, family, Domain.TRANSITION, expr);
    }

    public void first(String name, String family, Expr expr) {
        constrain(name, family, Domain.FIRST, expr);
    }

    public void last(String name, String family, Expr expr) {
        constrain(name, family, Domain.LAST, expr);
    }

    /**
     * Adds a constraint.
     *
     * @throws IllegalArgumentException for a duplicate name, a degree above the limit of its domain, a
     *                                  constraint without any trace cell, or a next-row cell in a boundary constraint
     */
    public void constrain(String name, String family, Domain domain, Expr expr) {
        checkOpen();
        if (!constraintNames.add(name)) {
            throw new IllegalArgumentException("duplicate constraint name: name=" + name);
        }
        int d = expr.degree();
        int limit = domain == Domain.TRANSITION ? maxDegree : maxDegree - 1;
        if (d > limit) {
            throw new IllegalArgumentException("constraint degree too high: name=" + name + ", degree=" + d
                    + ", domain=" + domain + ", limit=" + limit);
        }
        if (d == 0) {
            throw new IllegalArgumentException("constraint has no trace cell: name=" + name);
        }
        if (domain != Domain.TRANSITION && usesNext(expr)) {
            throw new IllegalArgumentException("boundary constraint uses a next-row cell: name=" + name);
        }
        constraints.add(new Constraint(name, family, domain, expr, constraints.size()));
    }

    public ConstraintSystem build() {
        checkOpen();
        built = true;
        return new ConstraintSystem(maxDegree, List.copyOf(pre), List.copyOf(main), List.copyOf(aux),
                List.copyOf(challenges), List.copyOf(publicBase), List.copyOf(publicExt), List.copyOf(constraints));
    }

    private static boolean usesNext(Expr e) {
        if (e == null) {
            return false;
        }
        if (e.op == Expr.Op.VAR) {
            return e.next;
        }
        return usesNext(e.a) || usesNext(e.b);
    }

    private Column column(ColumnKind kind, List<String> list, String name) {
        return new Column(kind, add(list, name), name);
    }

    private int add(List<String> list, String name) {
        checkOpen();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        if (!symbolNames.add(name)) {
            throw new IllegalArgumentException("duplicate name: name=" + name);
        }
        list.add(name);
        return list.size() - 1;
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("AirBuilder already built");
        }
    }
}

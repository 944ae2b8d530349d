package dev.zisk4j.engine.air;

/**
 * One polynomial identity that must vanish on {@code domain}.
 *
 * @param name   unique debug name, reported by {@link AirChecker}
 * @param family tag grouping related constraints (mutation tests pick one family at a time)
 * @param index  position in the constraint order, which fixes its λ^index weight in the quotient
 */
public record Constraint(String name, String family, Domain domain, Expr expr, int index) {
    public int degree() {
        return expr.degree();
    }
}

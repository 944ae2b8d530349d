package dev.zisk4j.engine.air;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link AirChecker}: the violations found in row order, at most
 * {@link AirChecker#MAX_VIOLATIONS} of them ({@code truncated} says when more existed).
 */
public record CheckReport(List<Violation> violations, boolean truncated) {
    public CheckReport {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public Optional<Violation> first() {
        return violations.stream().findFirst();
    }

    /** True if some violation belongs to the named constraint. */
    public boolean violates(String constraintName) {
        return violations.stream().anyMatch(v -> v.constraint().equals(constraintName));
    }

    @Override
    public String toString() {
        if (ok()) {
            return "all constraints hold";
        }
        return violations.size() + (truncated ? "+" : "") + " violation(s); first: " + violations.get(0);
    }
}

package dev.zisk4j.engine.air;

/** One constraint that does not vanish on one row, as reported by {@link AirChecker}. */
public record Violation(String constraint, String family, Domain domain, int row) {
    @Override
    public String toString() {
        return "constraint " + constraint + " (family " + family + ", " + domain + ") fails at row " + row;
    }
}

package dev.zisk4j.engine.air;

/** The rows on which a constraint must vanish, for a trace of N rows. */
public enum Domain {
    /** Rows 0..N−2 (relates a row to the next); divisor (x^N − 1)/(x − ω^{N−1}). */
    TRANSITION,
    /** Row 0; divisor x − 1. */
    FIRST,
    /** Row N−1; divisor x − ω^{N−1}. */
    LAST
}

package dev.zisk4j.engine.air;

/**
 * An algebraic intermediate representation: its constraint system plus the AIR-specific code that the
 * constraint DSL cannot express (the preprocessed columns, the aux columns, public values derived from the
 * challenges). One instance describes one statement shape; it is immutable and thread-safe.
 */
public interface Air {
    /**
     * A short name for messages and reports. Transcripts and verdicts identify an AIR by {@link
     * ConstraintSystem#digest()}, never by this name.
     */
    String name();

    /** The constraints, built once. */
    ConstraintSystem constraints();

    /**
     * The preprocessed columns for a trace of {@code rows} rows, column-major, in declaration order.
     *
     * @throws UnsupportedOperationException if the AIR declares preprocessed columns but does not override this
     */
    default long[][] preprocessed(int rows) {
        if (constraints().columnCount(ColumnKind.PRE) != 0) {
            throw new UnsupportedOperationException("AIR declares preprocessed columns but does not build them: air="
                    + name());
        }
        return new long[0][];
    }

    /**
     * Builds the aux (extension) columns from the committed trace and the challenges, as d component arrays
     * each, d the degree of {@code challenges.field()}: aux column j is {@code result[d·j + k]}, k &lt; d.
     *
     * @throws UnsupportedOperationException if the AIR declares aux columns but does not override this
     */
    default long[][] buildAux(long[][] pre, long[][] main, Challenges challenges, PublicValues publics) {
        if (constraints().columnCount(ColumnKind.AUX) != 0) {
            throw new UnsupportedOperationException("AIR declares aux columns but does not build them: air=" + name());
        }
        return new long[0][];
    }

    /**
     * Derives the extension public values (interleaved d-tuples of {@code challenges.field()}) from the base
     * ones and the challenges. Both
     * the prover and the verifier call this, so it must depend only on public data.
     *
     * @throws UnsupportedOperationException if the AIR declares ext publics but does not override this
     */
    default long[] extPublics(long[] basePublics, Challenges challenges) {
        if (!constraints().publicExtNames().isEmpty()) {
            throw new UnsupportedOperationException("AIR declares ext public values but does not derive them: air="
                    + name());
        }
        return new long[0];
    }
}

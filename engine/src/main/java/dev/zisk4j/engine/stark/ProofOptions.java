package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.field.ExtField;

/**
 * The STARK's tunable parameters (design §0, §4.2). Default: blowup 8, FRI folding 4, 30 queries, 16
 * grinding bits, the quadratic extension. What they are worth in bits is {@link SecurityEstimate}'s
 * job; {@link #conjecturedBits} is its proof-size-independent part.
 *
 * @param logBlowup       log2 of the LDE blowup, in [1, 4]; must be ≥ log2 of the AIR's max degree
 * @param logFold         log2 of the FRI folding factor; only 2 (arity 4) is implemented
 * @param numQueries      FRI query count, in [1, 255]
 * @param grindingBits    proof-of-work bits before the queries are drawn, in [0, 32]
 * @param extensionDegree degree of the extension field the challenges live in: 2 (F_p[X]/(X²−7), the default
 *                        and the fast one) or 3 (F_p[X]/(X³−7), what 100 proven bits need; see {@link ExtField})
 */
public record ProofOptions(int logBlowup, int logFold, int numQueries, int grindingBits, int extensionDegree) {
    /** Blowup 8, folding 4, 30 queries, 16 grinding bits, quadratic extension: about 105 conjectured bits at N = 2^16. */
    public static final ProofOptions DEFAULT = new ProofOptions(3, 2, 30, 16);

    /** @throws IllegalArgumentException naming the first parameter out of range */
    public ProofOptions {
        if (logBlowup < 1 || logBlowup > 4) {
            throw new IllegalArgumentException("logBlowup must be in [1, 4]: logBlowup=" + logBlowup);
        }
        if (logFold != 2) {
            throw new IllegalArgumentException("only FRI folding 4 is implemented: logFold=" + logFold);
        }
        if (numQueries < 1 || numQueries > 255) {
            throw new IllegalArgumentException("numQueries must be in [1, 255]: numQueries=" + numQueries);
        }
        if (grindingBits < 0 || grindingBits > 32) {
            throw new IllegalArgumentException("grindingBits must be in [0, 32]: grindingBits=" + grindingBits);
        }
        if (extensionDegree != 2 && extensionDegree != 3) {
            throw new IllegalArgumentException("extension degree must be 2 or 3: extensionDegree=" + extensionDegree);
        }
    }

    /** Options over the quadratic extension. */
    public ProofOptions(int logBlowup, int logFold, int numQueries, int grindingBits) {
        this(logBlowup, logFold, numQueries, grindingBits, 2);
    }

    /** The extension field of this degree. */
    public ExtField extension() {
        return ExtField.ofDegree(extensionDegree);
    }

    /** These options over the extension of degree d (2 or 3). */
    public ProofOptions withExtensionDegree(int d) {
        return new ProofOptions(logBlowup, logFold, numQueries, grindingBits, d);
    }

    public int blowup() {
        return 1 << logBlowup;
    }

    /**
     * Conjectured security in bits of one proof over 2^logN rows, without the AIR's own challenge
     * arguments (see {@link SecurityEstimate#conjectured}).
     */
    public int conjecturedBits(int logN) {
        return (int) Math.floor(SecurityEstimate.conjecturedStark(this, logN));
    }
}

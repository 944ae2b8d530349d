package dev.zisk4j.engine.stark;

/**
 * The STARK's tunable parameters (design §0, §4.2). Default: blowup 8, FRI folding 4, 30 queries, 16
 * grinding bits. Conjectured security (ethSTARK / Winterfell formula):
 * min(128 − log2(blowup·N), queries·log2(blowup) + grindingBits) − 1.
 *
 * @param logBlowup    log2 of the LDE blowup, in [1, 4]; must be ≥ log2 of the AIR's max degree
 * @param logFold      log2 of the FRI folding factor; only 2 (arity 4) is implemented
 * @param numQueries   FRI query count, in [1, 255]
 * @param grindingBits proof-of-work bits before the queries are drawn, in [0, 32]
 */
public record ProofOptions(int logBlowup, int logFold, int numQueries, int grindingBits) {
    /** Blowup 8, folding 4, 30 queries, 16 grinding bits: about 105 bits at N = 2^16. */
    public static final ProofOptions DEFAULT = new ProofOptions(3, 2, 30, 16);
    /** Extension field size in bits (F_p², p ≈ 2^64). */
    public static final int EXTENSION_BITS = 128;

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
    }

    public int blowup() {
        return 1 << logBlowup;
    }

    /** Conjectured security in bits for a trace of 2^logN rows. */
    public int securityBits(int logN) {
        int field = EXTENSION_BITS - (logN + logBlowup);
        int queries = numQueries * logBlowup + grindingBits;
        return Math.min(field, queries) - 1;
    }
}

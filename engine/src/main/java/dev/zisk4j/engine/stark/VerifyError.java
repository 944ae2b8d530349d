package dev.zisk4j.engine.stark;

/** Why a proof was rejected: one case per check, in the order the verifier runs them. */
public enum VerifyError {
    /** Bytes do not parse: bad magic, truncation, trailing bytes, non-canonical element, inconsistent count. */
    MALFORMED,
    /** The proof's format version byte is not one this verifier reads. */
    UNSUPPORTED_VERSION,
    /** Column counts or trace size differ from the verifying key's AIR. */
    SHAPE_MISMATCH,
    /** The proof's options differ from the ones the verifier expects. */
    OPTIONS_MISMATCH,
    /** The expected options give less security than the verifier's minimum. */
    INSECURE_OPTIONS,
    /** The proof's main-trace root is not the one the caller's transcript bound (two-phase verification). */
    MAIN_ROOT_MISMATCH,
    /** The constraints at the out-of-domain point disagree with the quotient. */
    OOD_MISMATCH,
    /** The proof-of-work nonce does not meet the grinding target. */
    POW_INVALID,
    /** The listed query indices are not the ones the transcript draws. */
    QUERY_INDEX_MISMATCH,
    BAD_MERKLE_PATH_PRE,
    BAD_MERKLE_PATH_MAIN,
    BAD_MERKLE_PATH_AUX,
    BAD_MERKLE_PATH_COMP,
    BAD_MERKLE_PATH_FRI,
    /** The DEEP composition of the opened rows differs from FRI layer 0. */
    DEEP_MISMATCH,
    /** A folded value differs from the next layer's opened value. */
    FRI_FOLD_MISMATCH,
    /** The last folded value differs from the remainder polynomial. */
    REMAINDER_MISMATCH
}

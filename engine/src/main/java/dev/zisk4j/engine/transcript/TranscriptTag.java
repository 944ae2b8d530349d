package dev.zisk4j.engine.transcript;

/**
 * The tag byte of every transcript absorb (design §1.5 left them unnumbered; these numbers are fixed here and
 * pinned by known-answer tests, so changing one breaks every proof). Codes 1–15 are the generic STARK's;
 * 16–31 belong to the VM's global and segment transcripts (design §5.2).
 */
public enum TranscriptTag {
    CONFIG(1),
    /** The AIR's constraint-system digest ({@code ConstraintSystem.digest()}); was the AIR's name before. */
    AIR_DIGEST(2),
    PUBLIC_BASE(3),
    PRE_ROOT(4),
    MAIN_ROOT(5),
    PUBLIC_EXT(6),
    AUX_ROOT(7),
    COMP_ROOT(8),
    OOD_VALUES(9),
    FRI_ROOT(10),
    FRI_REMAINDER(11),
    POW_NONCE(12),
    IMAGE_ID(16),
    VK_ROOT(17),
    INPUT_DIGEST(18),
    INPUT_WORDS(19),
    INPUT_MODE(20),
    OUTPUTS(21),
    SEGMENT_COUNT(22),
    SEG_PUBLIC(23),
    GLOBAL_NONCE(24),
    GLOBAL_SEED(25),
    SEGMENT_INDEX(26),
    MEMORY_FINGERPRINTS(27),
    /** The number of precompile instances of a bundle (PRECOMPILES.md §5; absent for a program without them). */
    INSTANCE_COUNT(28),
    /** One precompile instance's commitment (kind, index, log rows, main root), or its index in its own transcript. */
    INSTANCE(29);

    private final int code;

    TranscriptTag(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

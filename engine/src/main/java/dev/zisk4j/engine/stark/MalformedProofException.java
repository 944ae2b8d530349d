package dev.zisk4j.engine.stark;

/** Proof bytes that do not parse; {@link #reason()} is MALFORMED, UNSUPPORTED_VERSION or SHAPE_MISMATCH. */
public final class MalformedProofException extends Exception {
    private static final long serialVersionUID = 1L;
    private final VerifyError reason;

    public MalformedProofException(VerifyError reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VerifyError reason() {
        return reason;
    }
}

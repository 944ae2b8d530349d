package dev.zisk4j.engine.stark;

/** The prover cannot produce a proof: the trace does not satisfy the AIR (the message names the constraint and row). */
public final class ProvingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProvingException(String message) {
        super(message);
    }
}

package dev.zisk4j.engine.stark;

import java.util.Optional;

/** The verifier's verdict: accepted, or the first failed check and a detail message. */
public record VerificationResult(Optional<VerifyError> error, String detail) {
    public static final VerificationResult ACCEPTED = new VerificationResult(Optional.empty(), "accepted");

    public static VerificationResult reject(VerifyError e, String detail) {
        return new VerificationResult(Optional.of(e), detail);
    }

    public boolean accepted() {
        return error.isEmpty();
    }

    @Override
    public String toString() {
        return error.map(e -> "rejected: " + e + " (" + detail + ")").orElse("accepted");
    }
}

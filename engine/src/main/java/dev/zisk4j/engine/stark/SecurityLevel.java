package dev.zisk4j.engine.stark;

/**
 * What a proof (or a bundle of proofs) is worth, in bits: −log2 of the soundness error an attacker
 * faces per hash evaluation, three ways (see {@link SecurityEstimate} for the arithmetic).
 *
 * @param conjectured    under the ethSTARK conjecture on Reed–Solomon proximity (Winterfell's "conjectured")
 * @param proven         proven, list-decoding regime up to the Johnson bound (Winterfell's "proven LDR")
 * @param uniqueDecoding proven, unique-decoding regime (the most conservative)
 */
public record SecurityLevel(int conjectured, int proven, int uniqueDecoding) {
    /** The weaker of the two in each measure (a bundle is as strong as its weakest part). */
    public SecurityLevel min(SecurityLevel o) {
        return new SecurityLevel(Math.min(conjectured, o.conjectured), Math.min(proven, o.proven),
                Math.min(uniqueDecoding, o.uniqueDecoding));
    }

    @Override
    public String toString() {
        return conjectured + " conjectured, " + proven + " proven (list decoding), " + uniqueDecoding
                + " proven (unique decoding) bits";
    }
}

package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.ConstraintSystem;

/**
 * The security of a proof in bits, three ways, round by round (each Fiat–Shamir round costs the attacker one
 * hash per try, so a round with soundness error ε is worth −log2 ε bits and the proof is worth its weakest
 * round). Notation: F = log2 |F_ext| (= d·log2 p, ≈ 128 for the quadratic extension), N trace rows, b the
 * blowup, n = b·N the LDE size, ρ = 1/b, q queries, g query grinding bits, C constraints, D their maximum
 * degree, W the DEEP terms (values opened at z and zω, plus quotient chunks), L_F the FRI layers, and the
 * AIR's challenge round (e1, e2, g_c): see {@link ChallengeRound}.
 *
 * <p><b>Conjectured</b> (ethSTARK Conjecture 1, in Winterfell's form, eprint 2021/582 eq. 19):
 * <pre>
 *   min( F − log2 n ,  q·log2 b + (g if q·log2 b ≥ 80) ) − 1          grinding is credited only above 80 bits
 *   F + g_c − log2(e1 + e2)                                            the AIR's challenge round
 * </pre>
 * <b>Proven, list decoding</b> (eprint 2024/1553 Theorem 2, after BCIKS20 and eprint 2022/1216): for a
 * proximity parameter m ≥ 3 the list size is ℓ = m/(ρ − 2m/n) and the distance bound is 1 − α with α =
 * (1 + 1/(2m))·√ρ (Johnson); the level is the best m of the minimum of
 * <pre>
 *   ALI           F − log2(ℓ·C)                                   λ batches the constraints by powers
 *   DEEP          F − log2(ℓ²·(D·(N + 1) + N − 1))                two opening points, z and zω
 *   FRI commit    F − log2(T·(m + ½)^7·n² / (2·ρ^{3/2}))          T = (W − 1) + 3·Σ_{i<L_F} 16^−i
 *   FRI queries   g − q·log2 α
 *   challenges    F + g_c − log2(ℓ·e1 + ℓ²·e2)                     every listed trace may be the bad one
 * </pre>
 * T counts the curves FRI's correlated agreement is applied to: the W DEEP quotients are batched by
 * powers of δ (a curve of degree W − 1, BCIKS20 §6) and every arity-4 fold is a degree-3 curve in ζ on a
 * domain 4× smaller than the last. m ranges over [3, min(1000, ⌈1/(2(√(1 + 2/N) − 1))⌉)) like Winterfell's.
 * <br><b>Proven, unique decoding</b> (eprint 2024/1553 Theorem 3): the minimum of F − log2 C, F −
 * log2(D·(N + 1) + N − 1), F − log2((W − 1)·n), F − log2(3·(n + 1)) per fold, g − q·log2((1 + ρ⁺)/2) with
 * ρ⁺ = (N + 2)/n, and F + g_c − log2(e1 + e2).
 *
 * <p>All three are capped at 128 bits, the collision resistance of SHA-256 (Merkle trees and transcript),
 * and rounded down. The engine's defaults give 105 / 58 / 40 at N = 2^16; {@code README.md} ("Security")
 * has the worked numbers and the proven-100 profile.
 */
public final class SecurityEstimate {
    /** SHA-256's collision resistance: no level is worth more. */
    public static final int HASH_BITS = 128;
    /** Winterfell's floor: grinding adds to the conjectured query term only once the queries alone reach this. */
    public static final int GRINDING_CONTRIBUTION_FLOOR = 80;
    /** log2 p, a hair below 64: the proven levels use it (conservative by 3·10^−10 bits per degree). */
    private static final double LOG2_P = 64 + Math.log1p(-Math.pow(2, -32) + Math.pow(2, -64)) / Math.log(2);
    /** Bits per base element in the conjectured formula, Winterfell's integer convention (MODULUS_BITS). */
    private static final int BASE_BITS = 64;
    private static final int MAX_PROXIMITY = 1000;

    private SecurityEstimate() {}

    /**
     * The soundness of the AIR's own challenges (lookups, permutations, fingerprints), drawn after the main
     * trace is committed: a false statement survives only if a nonzero polynomial of degree e1 in the
     * challenges vanishes for one committed trace, or one of degree e2 for a pair of committed traces (an
     * argument linking two proofs, such as the VM's memory chaining); g_c proof-of-work bits are ground before
     * the challenges are drawn.
     *
     * @param e1     summed degree of the single-trace identities (0 when the AIR draws no challenges)
     * @param e2     summed degree of the two-trace identities
     * @param powBits the grinding bits before the challenges
     */
    public record ChallengeRound(double e1, double e2, int powBits) {
        /** An AIR without challenge arguments. */
        public static final ChallengeRound NONE = new ChallengeRound(0, 0, 0);

        public ChallengeRound {
            if (e1 < 0 || e2 < 0 || powBits < 0) {
                throw new IllegalArgumentException("negative challenge round: e1=" + e1 + ", e2=" + e2 + ", powBits=" + powBits);
            }
        }

        double bits(double fieldBits, double list) {
            double err = list * e1 + list * list * e2;
            return err <= 0 ? Double.POSITIVE_INFINITY : fieldBits + powBits - log2(err);
        }
    }

    /** All three levels of one proof of {@code cs} in {@code shape}. */
    public static SecurityLevel of(ProofShape shape, ConstraintSystem cs, ChallengeRound round) {
        return new SecurityLevel(cap(conjectured(shape.options(), shape.logN(), round)),
                cap(proven(shape, cs.constraints().size(), cs.maxDegree(), round)),
                cap(uniqueDecoding(shape, cs.constraints().size(), cs.maxDegree(), round)));
    }

    /** The conjectured level without an AIR challenge round (ProofOptions' own figure). */
    static double conjecturedStark(ProofOptions o, int logN) {
        return Math.min(conjectured(o, logN, ChallengeRound.NONE), HASH_BITS);
    }

    static double conjectured(ProofOptions o, int logN, ChallengeRound round) {
        double field = (double) BASE_BITS * o.extensionDegree() - (logN + o.logBlowup());
        double queries = (double) o.numQueries() * o.logBlowup();
        if (queries >= GRINDING_CONTRIBUTION_FLOOR) {
            queries += o.grindingBits();
        }
        return Math.min(Math.min(field, queries) - 1, round.bits((double) BASE_BITS * o.extensionDegree(), 1));
    }

    static double proven(ProofShape s, int constraints, int maxDegree, ChallengeRound round) {
        ProofOptions o = s.options();
        double f = fieldBits(o);
        double rows = s.rows();
        double n = rows * o.blowup();
        double rho = 1.0 / o.blowup();
        double batch = batchedCurves(s);
        double deep = log2(maxDegree * (rows + 1) + rows - 1);
        int mMax = (int) Math.min(MAX_PROXIMITY, Math.ceil(1 / (2 * (Math.sqrt((rows + 2) / rows) - 1))));
        double best = Double.NEGATIVE_INFINITY;
        for (int m = 3; m < mMax; m++) {
            double slack = rho - 2.0 * m / n;
            if (slack <= 0) {
                break;
            }
            double list = m / slack;
            double alpha = (1 + 0.5 / m) * Math.sqrt(rho);
            double level = Math.min(f - log2(list * constraints), f - 2 * log2(list) - deep);
            level = Math.min(level, f - (log2(batch) + 7 * log2(m + 0.5) + 2 * log2(n) - 1 - 1.5 * log2(rho)));
            level = Math.min(level, o.grindingBits() - o.numQueries() * log2(alpha));
            level = Math.min(level, round.bits(f, list));
            best = Math.max(best, level);
        }
        return best;
    }

    static double uniqueDecoding(ProofShape s, int constraints, int maxDegree, ChallengeRound round) {
        ProofOptions o = s.options();
        double f = fieldBits(o);
        double rows = s.rows();
        double n = rows * o.blowup();
        double rhoPlus = (rows + 2) / n;
        double level = Math.min(f - log2(constraints), f - log2(maxDegree * (rows + 1) + rows - 1));
        level = Math.min(level, f - log2(Math.max(1, deepTerms(s) - 1) * n));
        if (s.friLayers() > 0) {
            level = Math.min(level, f - log2(3 * (n + 1)));
        }
        level = Math.min(level, o.grindingBits() - o.numQueries() * log2((1 + rhoPlus) / 2));
        return Math.min(level, round.bits(f, 1));
    }

    /** T = (W − 1) + 3·Σ_{i < L_F} 16^−i, at least 1. */
    static double batchedCurves(ProofShape s) {
        double folds = 0;
        double w = 1;
        for (int i = 0; i < s.friLayers(); i++) {
            folds += 3 * w;
            w /= 16;
        }
        return Math.max(1, deepTerms(s) - 1 + folds);
    }

    /** W: DEEP terms (every column at z, the quotient chunks, the next-row columns at zω). */
    static int deepTerms(ProofShape s) {
        return s.curCount() + s.nChunks() + s.nextCount();
    }

    static double fieldBits(ProofOptions o) {
        return o.extensionDegree() * LOG2_P;
    }

    private static int cap(double bits) {
        return (int) Math.max(0, Math.min(HASH_BITS, Math.floor(bits)));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

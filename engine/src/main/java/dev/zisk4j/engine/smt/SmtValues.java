package dev.zisk4j.engine.smt;

import java.math.BigInteger;

/**
 * The zkEVM's encoding of a 256-bit leaf value as eight 32-bit limbs, least significant first
 * ({@code scalar2fea} / {@code fea2scalar}). Every limb is below 2^32, so it is a canonical field element.
 */
public final class SmtValues {
    /** Limbs of a value. */
    public static final int LIMBS = 8;
    static final BigInteger MAX = BigInteger.ONE.shiftLeft(256);

    private SmtValues() {}

    /**
     * The eight limbs of v.
     *
     * @throws IllegalArgumentException if v is negative or ≥ 2^256
     */
    public static long[] toLimbs(BigInteger v) {
        checkRange(v);
        long[] limbs = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            limbs[i] = v.shiftRight(32 * i).longValue() & 0xFFFF_FFFFL;
        }
        return limbs;
    }

    /**
     * The value of eight limbs.
     *
     * @throws IllegalArgumentException if there are not eight limbs or one is ≥ 2^32
     */
    public static BigInteger fromLimbs(long[] limbs) {
        if (limbs.length != LIMBS) {
            throw new IllegalArgumentException("a value has 8 limbs: limbs=" + limbs.length);
        }
        BigInteger v = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) {
            if ((limbs[i] >>> 32) != 0) {
                throw new IllegalArgumentException("value limb " + i + " is not below 2^32: limb="
                        + Long.toUnsignedString(limbs[i]));
            }
            v = v.shiftLeft(32).or(BigInteger.valueOf(limbs[i]));
        }
        return v;
    }

    static void checkRange(BigInteger v) {
        if (v.signum() < 0 || v.compareTo(MAX) >= 0) {
            throw new IllegalArgumentException("an SMT value must be in [0, 2^256): value=" + v);
        }
    }
}

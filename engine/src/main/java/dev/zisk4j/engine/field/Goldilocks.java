package dev.zisk4j.engine.field;

/**
 * Arithmetic in the Goldilocks field p = 2^64 − 2^32 + 1 on canonical {@code long} values.
 *
 * <p>Every value is a canonical representative in [0, p) read as an unsigned 64-bit integer. All
 * methods are static and allocation-free because this is the innermost hot path (NTT, constraint
 * evaluation, FRI folding). Inputs that are not canonical give unspecified results; use
 * {@link #isCanonical(long)} or {@link #checked(long)} at trust boundaries.
 */
public final class Goldilocks {
    /** The modulus 2^64 − 2^32 + 1 (as an unsigned long; negative when read as signed). */
    public static final long P = 0xFFFF_FFFF_0000_0001L;
    /** 2^32 − 1, which is 2^64 mod p. */
    public static final long EPS = 0xFFFF_FFFFL;
    /** Multiplicative generator of the whole group F_p^*. */
    public static final long GENERATOR = 7;
    /** The largest k with 2^k | p − 1. */
    public static final int TWO_ADICITY = 32;
    /** A primitive 2^32-th root of unity: 7^((p−1)/2^32). */
    public static final long ROOT_OF_UNITY_2_32 = 1753635133440165772L;

    private Goldilocks() {}

    /** True when {@code a} is a canonical element, i.e. a < p unsigned. */
    public static boolean isCanonical(long a) {
        return Long.compareUnsigned(a, P) < 0;
    }

    /** Returns {@code a} if it is canonical; throws IllegalArgumentException otherwise. */
    public static long checked(long a) {
        if (!isCanonical(a)) {
            throw new IllegalArgumentException("non-canonical field element: value=" + Long.toUnsignedString(a));
        }
        return a;
    }

    /** Reduces an arbitrary u64 into [0, p). */
    public static long reduce64(long a) {
        return Long.compareUnsigned(a, P) >= 0 ? a - P : a;
    }

    /** Maps a small signed integer to the field: −v becomes p − v. */
    public static long fromSigned(long v) {
        return v >= 0 ? reduce64(v) : neg(reduce64(-v));
    }

    /**
     * a + b. Branch-free on the carry, which is taken about half the time for random inputs (a branch there
     * mispredicts; measured 2.4× slower inside an NTT, see docs/performance.md): the carry out of 2^64 is worth
     * EPS mod p, and s + EPS cannot carry again because s &lt; 2^64 − 2^32 then. The final s ≥ p test is almost
     * never true, so its branch predicts well.
     */
    public static long add(long a, long b) {
        long s = a + b;
        long carry = ((a & b) | ((a | b) & ~s)) >>> 63;
        s += -carry & EPS;
        return Long.compareUnsigned(s, P) >= 0 ? s - P : s;
    }

    /** a − b. Branch-free on the borrow: the wrapped value d + 2^64 ≡ d + EPS, so EPS is subtracted; d ≥ 2^32 then. */
    public static long sub(long a, long b) {
        long d = a - b;
        long borrow = ((~a & b) | ((~a | b) & d)) >>> 63;
        return d - (-borrow & EPS);
    }

    public static long neg(long a) {
        return a == 0 ? 0 : P - a;
    }

    public static long mul(long a, long b) {
        return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
    }

    public static long square(long a) {
        return mul(a, a);
    }

    /**
     * Reduces hi·2^64 + lo modulo p.
     *
     * <p>Write hi = hh·2^32 + hl. Since 2^64 ≡ 2^32 − 1 and 2^96 ≡ −1, the value is ≡ lo − hh + hl·(2^32−1).
     * t0 = lo − hh: on borrow the wrapped value is t0+2^64 ≡ t0+EPS, so we subtract EPS, and t0 ≥ 2^64 − 2^32
     * makes that safe. t1 = hl·EPS ≤ (2^32−1)^2 &lt; 2^64 fits. t2 = t0 + t1: on carry the lost 2^64 is EPS, and
     * t2 ≤ t0 − 2^33 + 1 then, so adding EPS cannot carry. A final conditional subtraction makes it canonical.
     */
    public static long reduce128(long hi, long lo) {
        long hh = hi >>> 32;
        long hl = hi & EPS;
        long t0 = lo - hh;
        if (Long.compareUnsigned(lo, hh) < 0) {
            t0 -= EPS;
        }
        long t1 = hl * EPS;
        long t2 = t0 + t1;
        // this carry is taken about half the time: branch-free (the borrow above almost never happens)
        long carry = ((t0 & t1) | ((t0 | t1) & ~t2)) >>> 63;
        t2 += -carry & EPS;
        return Long.compareUnsigned(t2, P) >= 0 ? t2 - P : t2;
    }

    /** a^e for an unsigned exponent e. */
    public static long pow(long a, long e) {
        long result = 1;
        long base = a;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return result;
    }

    /** Multiplicative inverse; throws ArithmeticException for zero. */
    public static long inv(long a) {
        if (a == 0) {
            throw new ArithmeticException("inverse of zero");
        }
        return pow(a, P - 2);
    }

    /** A primitive 2^logN-th root of unity: ω_{2^32}^(2^(32−logN)). */
    public static long rootOfUnity(int logN) {
        if (logN < 0 || logN > TWO_ADICITY) {
            throw new IllegalArgumentException("no root of unity of this order: logN=" + logN);
        }
        long w = ROOT_OF_UNITY_2_32;
        for (int i = logN; i < TWO_ADICITY; i++) {
            w = mul(w, w);
        }
        return w;
    }
}

package dev.zisk4j.engine.smt;

import dev.zisk4j.engine.field.Goldilocks;
import java.math.BigInteger;

/**
 * Four Goldilocks elements: a Poseidon output, used by the sparse Merkle tree both as a node hash and as a key.
 * Element 0 is the least significant in every integer reading (the zkEVM's {@code h4toScalar}: e0 + e1·2^64 +
 * e2·2^128 + e3·2^192) and in the text form, 64 hex digits with e3 first ({@code h4toString}).
 *
 * @throws IllegalArgumentException from the constructor if an element is not canonical (≥ p)
 */
public record Hash4(long e0, long e1, long e2, long e3) {
    public static final Hash4 ZERO = new Hash4(0, 0, 0, 0);
    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public Hash4 {
        Goldilocks.checked(e0);
        Goldilocks.checked(e1);
        Goldilocks.checked(e2);
        Goldilocks.checked(e3);
    }

    /** From elements[off..off+4). */
    public static Hash4 of(long[] elements, int off) {
        return new Hash4(elements[off], elements[off + 1], elements[off + 2], elements[off + 3]);
    }

    public boolean isZero() {
        return (e0 | e1 | e2 | e3) == 0;
    }

    /** Element i (0..3). */
    public long get(int i) {
        return switch (i) {
            case 0 -> e0;
            case 1 -> e1;
            case 2 -> e2;
            case 3 -> e3;
            default -> throw new IndexOutOfBoundsException("Hash4 element index must be 0..3: index=" + i);
        };
    }

    /** Writes the four elements to out[off..off+4). */
    public void copyTo(long[] out, int off) {
        out[off] = e0;
        out[off + 1] = e1;
        out[off + 2] = e2;
        out[off + 3] = e3;
    }

    /** e0 + e1·2^64 + e2·2^128 + e3·2^192. */
    public BigInteger toBigInteger() {
        BigInteger v = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(get(i))));
        }
        return v;
    }

    /**
     * The inverse of {@link #toBigInteger()} ({@code scalar2h4}).
     *
     * @throws IllegalArgumentException if v is negative, ≥ 2^256, or a 64-bit limb is ≥ p
     */
    public static Hash4 fromBigInteger(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("value must be in [0, 2^256): value=" + v);
        }
        long[] e = new long[4];
        for (int i = 0; i < 4; i++) {
            e[i] = v.shiftRight(64 * i).and(MASK64).longValue();
            if (!Goldilocks.isCanonical(e[i])) {
                throw new IllegalArgumentException("64-bit limb " + i + " is not a canonical field element: value=" + v);
            }
        }
        return of(e, 0);
    }

    /** 64 lowercase hex digits, e3 first, no prefix. */
    public String toHex() {
        return String.format("%016x%016x%016x%016x", e3, e2, e1, e0);
    }

    /**
     * Parses 64 hex digits (case-insensitive, an optional "0x" prefix), e3 first.
     *
     * @throws IllegalArgumentException on any other length, a non-hex digit or a non-canonical element
     */
    public static Hash4 parseHex(String text) {
        String s = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (s.length() != 64) {
            throw new IllegalArgumentException("a node hash is 64 hex digits: length=" + s.length() + ", text=" + abbreviate(text));
        }
        long[] e = new long[4];
        for (int i = 0; i < 4; i++) {
            e[3 - i] = parseElement(s, 16 * i, text);
        }
        return of(e, 0);
    }

    /** One 16-hex-digit element at s[off..off+16); checks digits and canonicity. */
    static long parseElement(String s, int off, String whole) {
        long v = 0;
        for (int j = 0; j < 16; j++) {
            int d = Character.digit(s.charAt(off + j), 16);
            if (d < 0) {
                throw new IllegalArgumentException("not a hex digit at " + (off + j) + ": text=" + abbreviate(whole));
            }
            v = (v << 4) | d;
        }
        if (!Goldilocks.isCanonical(v)) {
            throw new IllegalArgumentException("element is not canonical (≥ p): element=" + Long.toUnsignedString(v)
                    + ", text=" + abbreviate(whole));
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return "0x" + toHex();
    }
}

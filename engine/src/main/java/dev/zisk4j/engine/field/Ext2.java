package dev.zisk4j.engine.field;

/**
 * An element c0 + c1·X of the quadratic extension F_p[X]/(X² − 7), for cold code (verifier, transcript,
 * tests). Hot loops keep extension columns as two {@code long[]} arrays and use the static component
 * helpers {@link #mulC0}/{@link #mulC1}, which allocate nothing.
 */
public record Ext2(long c0, long c1) {
    /** The non-residue W with X² = W. */
    public static final long W = 7;
    public static final Ext2 ZERO = new Ext2(0, 0);
    public static final Ext2 ONE = new Ext2(1, 0);

    /** Validates canonical components; throws IllegalArgumentException naming the bad one. */
    public Ext2 {
        if (!Goldilocks.isCanonical(c0) || !Goldilocks.isCanonical(c1)) {
            throw new IllegalArgumentException("non-canonical ext element: c0=" + Long.toUnsignedString(c0)
                    + ", c1=" + Long.toUnsignedString(c1));
        }
    }

    public static Ext2 of(long base) {
        return new Ext2(base, 0);
    }

    public boolean isBase() {
        return c1 == 0;
    }

    public boolean isZero() {
        return c0 == 0 && c1 == 0;
    }

    public Ext2 add(Ext2 o) {
        return new Ext2(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1));
    }

    public Ext2 sub(Ext2 o) {
        return new Ext2(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1));
    }

    public Ext2 neg() {
        return new Ext2(Goldilocks.neg(c0), Goldilocks.neg(c1));
    }

    public Ext2 mul(Ext2 o) {
        return new Ext2(mulC0(c0, c1, o.c0, o.c1), mulC1(c0, c1, o.c0, o.c1));
    }

    public Ext2 mul(long base) {
        return new Ext2(Goldilocks.mul(c0, base), Goldilocks.mul(c1, base));
    }

    public Ext2 square() {
        return mul(this);
    }

    /** Inverse (c0 − c1X)/(c0² − 7c1²); throws ArithmeticException for zero. */
    public Ext2 inv() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in ext2");
        }
        long norm = Goldilocks.sub(Goldilocks.mul(c0, c0), Goldilocks.mul(W, Goldilocks.mul(c1, c1)));
        long ni = Goldilocks.inv(norm);
        return new Ext2(Goldilocks.mul(c0, ni), Goldilocks.mul(Goldilocks.neg(c1), ni));
    }

    public Ext2 pow(long e) {
        Ext2 r = ONE;
        Ext2 b = this;
        while (e != 0) {
            if ((e & 1) != 0) {
                r = r.mul(b);
            }
            b = b.mul(b);
            e >>>= 1;
        }
        return r;
    }

    /** Component 0 of (a0 + a1X)(b0 + b1X) = a0b0 + 7·a1b1. */
    public static long mulC0(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(W, Goldilocks.mul(a1, b1)));
    }

    /** Component 1 of (a0 + a1X)(b0 + b1X) = a0b1 + a1b0. */
    public static long mulC1(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
    }

    @Override
    public String toString() {
        return "(" + Long.toUnsignedString(c0) + " + " + Long.toUnsignedString(c1) + "·X)";
    }
}

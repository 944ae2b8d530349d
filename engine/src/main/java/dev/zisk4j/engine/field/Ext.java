package dev.zisk4j.engine.field;

/**
 * An element c0 + c1·X [+ c2·X²] of an {@link ExtField}, for cold code (verifier, transcript, tests). Hot
 * loops keep extension columns as component arrays and use {@link ExtField}'s static helpers instead.
 * Elements of different fields never mix: an operation on two throws {@link IllegalArgumentException}.
 *
 * @param c2 0 in the quadratic field
 */
public record Ext(ExtField field, long c0, long c1, long c2) {
    /** Validates canonical components (and c2 = 0 in the quadratic field); names the bad one. */
    public Ext {
        if (!Goldilocks.isCanonical(c0) || !Goldilocks.isCanonical(c1) || !Goldilocks.isCanonical(c2)
                || (field.degree() == 2 && c2 != 0)) {
            throw new IllegalArgumentException("non-canonical ext element: c0=" + Long.toUnsignedString(c0)
                    + ", c1=" + Long.toUnsignedString(c1) + ", c2=" + Long.toUnsignedString(c2) + ", degree="
                    + field.degree());
        }
    }

    /** Component k (0 ≤ k &lt; degree). */
    public long component(int k) {
        return switch (k) {
            case 0 -> c0;
            case 1 -> c1;
            case 2 -> c2;
            default -> throw new IndexOutOfBoundsException("component=" + k);
        };
    }

    public boolean isBase() {
        return c1 == 0 && c2 == 0;
    }

    public boolean isZero() {
        return c0 == 0 && isBase();
    }

    public Ext add(Ext o) {
        same(o);
        return new Ext(field, Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1), Goldilocks.add(c2, o.c2));
    }

    public Ext sub(Ext o) {
        same(o);
        return new Ext(field, Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1), Goldilocks.sub(c2, o.c2));
    }

    public Ext neg() {
        return new Ext(field, Goldilocks.neg(c0), Goldilocks.neg(c1), Goldilocks.neg(c2));
    }

    public Ext mul(Ext o) {
        same(o);
        if (field.degree() == 2) {
            return new Ext(field, ExtField.mul2c0(c0, c1, o.c0, o.c1), ExtField.mul2c1(c0, c1, o.c0, o.c1), 0);
        }
        return new Ext(field, ExtField.mul3c0(c0, c1, c2, o.c0, o.c1, o.c2), ExtField.mul3c1(c0, c1, c2, o.c0, o.c1, o.c2),
                ExtField.mul3c2(c0, c1, c2, o.c0, o.c1, o.c2));
    }

    public Ext mul(long base) {
        return new Ext(field, Goldilocks.mul(c0, base), Goldilocks.mul(c1, base), Goldilocks.mul(c2, base));
    }

    public Ext square() {
        return mul(this);
    }

    /** The Frobenius image a^p = Σ c_k·γ^k·X^k (γ = {@link ExtField#frobeniusConstant()}). */
    public Ext frobenius() {
        long g = field.frobeniusConstant();
        return new Ext(field, c0, Goldilocks.mul(c1, g), Goldilocks.mul(c2, Goldilocks.mul(g, g)));
    }

    /** The norm a·φ(a)[·φ²(a)], an element of F_p. */
    public long norm() {
        if (field.degree() == 2) {
            return Goldilocks.sub(Goldilocks.mul(c0, c0), Goldilocks.mul(ExtField.W, Goldilocks.mul(c1, c1)));
        }
        return ExtField.mul3c0(c0, c1, c2, ExtField.adj0(c0, c1, c2), ExtField.adj1(c0, c1, c2),
                ExtField.adj2(c0, c1, c2));
    }

    /** The inverse conj(a)/N(a); throws ArithmeticException for zero. */
    public Ext inv() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in " + field);
        }
        long ni = Goldilocks.inv(norm());
        if (field.degree() == 2) {
            return new Ext(field, Goldilocks.mul(c0, ni), Goldilocks.mul(Goldilocks.neg(c1), ni), 0);
        }
        return new Ext(field, Goldilocks.mul(ExtField.adj0(c0, c1, c2), ni), Goldilocks.mul(ExtField.adj1(c0, c1, c2), ni),
                Goldilocks.mul(ExtField.adj2(c0, c1, c2), ni));
    }

    /** a^e for e read as an unsigned 64-bit integer. */
    public Ext pow(long e) {
        Ext r = field.one();
        Ext b = this;
        while (e != 0) {
            if ((e & 1) != 0) {
                r = r.mul(b);
            }
            b = b.mul(b);
            e >>>= 1;
        }
        return r;
    }

    private void same(Ext o) {
        if (o.field != field) {
            throw new IllegalArgumentException("ext elements of different fields: " + field + " and " + o.field);
        }
    }

    @Override
    public String toString() {
        String s = "(" + Long.toUnsignedString(c0) + " + " + Long.toUnsignedString(c1) + "·X";
        return field.degree() == 3 ? s + " + " + Long.toUnsignedString(c2) + "·X²)" : s + ")";
    }
}

package dev.zisk4j.engine.field;

/**
 * The extension fields the STARK draws its challenges from: F_p[X]/(X^d − 7) for d = 2 ({@link #QUADRATIC},
 * the default, ≈ 128 bits) or d = 3 ({@link #CUBIC}, ≈ 192 bits, what 100 proven bits need).
 *
 * <p>Why X^d − 7: 7 generates F_p^*, so it is neither a square nor a cube (2 and 3 both divide p − 1), and a
 * binomial X^d − W is irreducible exactly when W is not a q-th power for a prime q | d (d = 2, 3). A binomial
 * keeps multiplication at d² base products plus multiplications by 7, and the Frobenius is diagonal:
 * (Σ c_k X^k)^p = Σ c_k·γ^k·X^k with γ = 7^((p−1)/d), which gives a cheap inverse (the norm times the
 * product of the conjugates). The quadratic field is the one the engine always had, so its proofs are
 * unchanged.
 *
 * <p>Hot code keeps an extension column as d {@code long[]} arrays (component k in array k) and uses the
 * static component helpers ({@link #mul2c0}, {@link #mul3c0}, …), which allocate nothing; cold code uses
 * {@link Ext} values. Elements in flat {@code long[]} arrays are interleaved d-tuples (c0, c1[, c2]).
 */
public final class ExtField {
    /** The non-residue W with X^d = W. */
    public static final long W = 7;
    public static final ExtField QUADRATIC = new ExtField(2);
    public static final ExtField CUBIC = new ExtField(3);

    private final int degree;
    /** γ = W^((p−1)/d): X^p = γ·X. */
    private final long frobenius;
    private final Ext zero;
    private final Ext one;

    private ExtField(int degree) {
        this.degree = degree;
        this.frobenius = Goldilocks.pow(W, Long.divideUnsigned(Goldilocks.P - 1, degree));
        this.zero = new Ext(this, 0, 0, 0);
        this.one = new Ext(this, 1, 0, 0);
    }

    /**
     * The field of degree d.
     *
     * @throws IllegalArgumentException unless d is 2 or 3
     */
    public static ExtField ofDegree(int d) {
        return switch (d) {
            case 2 -> QUADRATIC;
            case 3 -> CUBIC;
            default -> throw new IllegalArgumentException("extension degree must be 2 or 3: degree=" + d);
        };
    }

    public int degree() {
        return degree;
    }

    /** γ = 7^((p−1)/d), the Frobenius constant: X^p = γ·X. */
    public long frobeniusConstant() {
        return frobenius;
    }

    public Ext zero() {
        return zero;
    }

    public Ext one() {
        return one;
    }

    /** The base element b embedded in this field. */
    public Ext of(long base) {
        return new Ext(this, base, 0, 0);
    }

    /**
     * The element with these d components.
     *
     * @throws IllegalArgumentException for a wrong count or a non-canonical component
     */
    public Ext element(long... c) {
        if (c.length != degree) {
            throw new IllegalArgumentException("ext element needs " + degree + " components: count=" + c.length);
        }
        return new Ext(this, c[0], c[1], degree == 3 ? c[2] : 0);
    }

    /** The element stored as d consecutive components from {@code a[off]}. */
    public Ext read(long[] a, int off) {
        return new Ext(this, a[off], a[off + 1], degree == 3 ? a[off + 2] : 0);
    }

    /** The element at row i of a column stored as d component arrays. */
    public Ext at(long[][] components, int first, int i) {
        return new Ext(this, components[first][i], components[first + 1][i], degree == 3 ? components[first + 2][i] : 0);
    }

    /** Writes e's d components to {@code a[off..off+d)}; returns off + d. */
    public int write(Ext e, long[] a, int off) {
        a[off] = e.c0();
        a[off + 1] = e.c1();
        if (degree == 3) {
            a[off + 2] = e.c2();
        }
        return off + degree;
    }

    /** The elements as interleaved d-tuples. */
    public long[] flatten(Ext... es) {
        long[] out = new long[degree * es.length];
        for (int i = 0; i < es.length; i++) {
            write(es[i], out, degree * i);
        }
        return out;
    }

    /** Component 0 of (a0 + a1X)(b0 + b1X) mod X² − 7: a0b0 + 7·a1b1. */
    public static long mul2c0(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(W, Goldilocks.mul(a1, b1)));
    }

    /** Component 1 of (a0 + a1X)(b0 + b1X) mod X² − 7: a0b1 + a1b0. */
    public static long mul2c1(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
    }

    /** Component 0 of a·b mod X³ − 7: a0b0 + 7·(a1b2 + a2b1). */
    public static long mul3c0(long a0, long a1, long a2, long b0, long b1, long b2) {
        return Goldilocks.add(Goldilocks.mul(a0, b0),
                Goldilocks.mul(W, Goldilocks.add(Goldilocks.mul(a1, b2), Goldilocks.mul(a2, b1))));
    }

    /** Component 1 of a·b mod X³ − 7: a0b1 + a1b0 + 7·a2b2. */
    public static long mul3c1(long a0, long a1, long a2, long b0, long b1, long b2) {
        return Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0)),
                Goldilocks.mul(W, Goldilocks.mul(a2, b2)));
    }

    /** Component 2 of a·b mod X³ − 7: a0b2 + a1b1 + a2b0. */
    public static long mul3c2(long a0, long a1, long a2, long b0, long b1, long b2) {
        return Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b2), Goldilocks.mul(a1, b1)), Goldilocks.mul(a2, b0));
    }

    /**
     * x ← x·y in place for rows [0, n) of two columns given as d component arrays each ({@code x[first..]},
     * {@code y[yFirst..]}). x and y may be the same column (squaring).
     */
    public void mulInPlace(long[][] x, int first, long[][] y, int yFirst, int n) {
        long[] x0 = x[first], x1 = x[first + 1], y0 = y[yFirst], y1 = y[yFirst + 1];
        if (degree == 2) {
            for (int i = 0; i < n; i++) {
                long a0 = x0[i], a1 = x1[i], b0 = y0[i], b1 = y1[i];
                x0[i] = mul2c0(a0, a1, b0, b1);
                x1[i] = mul2c1(a0, a1, b0, b1);
            }
        } else {
            long[] x2 = x[first + 2], y2 = y[yFirst + 2];
            for (int i = 0; i < n; i++) {
                long a0 = x0[i], a1 = x1[i], a2 = x2[i], b0 = y0[i], b1 = y1[i], b2 = y2[i];
                x0[i] = mul3c0(a0, a1, a2, b0, b1, b2);
                x1[i] = mul3c1(a0, a1, a2, b0, b1, b2);
                x2[i] = mul3c2(a0, a1, a2, b0, b1, b2);
            }
        }
    }

    /**
     * Replaces each element i &lt; n of the column {@code c[first..first+d)} by its inverse: 1/a = adj(a)/N(a)
     * with adj(a) the product of a's conjugates and N(a) = a·adj(a) ∈ F_p; the norms are inverted in one batch.
     *
     * @throws ArithmeticException if any element is zero (its index is named)
     */
    public void invertInPlace(long[][] c, int first, int n) {
        long[] c0 = c[first], c1 = c[first + 1];
        long[] norm = new long[n];
        if (degree == 2) {
            for (int i = 0; i < n; i++) {
                norm[i] = Goldilocks.sub(Goldilocks.mul(c0[i], c0[i]), Goldilocks.mul(W, Goldilocks.mul(c1[i], c1[i])));
            }
            BatchInverse.invert(norm, norm, n);
            for (int i = 0; i < n; i++) {
                c0[i] = Goldilocks.mul(c0[i], norm[i]);
                c1[i] = Goldilocks.mul(Goldilocks.neg(c1[i]), norm[i]);
            }
            return;
        }
        long[] c2 = c[first + 2];
        for (int i = 0; i < n; i++) {
            long a0 = c0[i], a1 = c1[i], a2 = c2[i];
            long b0 = adj0(a0, a1, a2), b1 = adj1(a0, a1, a2), b2 = adj2(a0, a1, a2);
            norm[i] = mul3c0(a0, a1, a2, b0, b1, b2);
            c0[i] = b0;
            c1[i] = b1;
            c2[i] = b2;
        }
        BatchInverse.invert(norm, norm, n);
        for (int i = 0; i < n; i++) {
            c0[i] = Goldilocks.mul(c0[i], norm[i]);
            c1[i] = Goldilocks.mul(c1[i], norm[i]);
            c2[i] = Goldilocks.mul(c2[i], norm[i]);
        }
    }

    /** Component 0 of the adjugate φ(a)·φ²(a) in F_p[X]/(X³ − 7): a0² − 7·a1a2. */
    static long adj0(long a0, long a1, long a2) {
        return Goldilocks.sub(Goldilocks.mul(a0, a0), Goldilocks.mul(W, Goldilocks.mul(a1, a2)));
    }

    /** Component 1 of the adjugate: 7·a2² − a0a1. */
    static long adj1(long a0, long a1, long a2) {
        return Goldilocks.sub(Goldilocks.mul(W, Goldilocks.mul(a2, a2)), Goldilocks.mul(a0, a1));
    }

    /** Component 2 of the adjugate: a1² − a0a2. */
    static long adj2(long a0, long a1, long a2) {
        return Goldilocks.sub(Goldilocks.mul(a1, a1), Goldilocks.mul(a0, a2));
    }

    @Override
    public String toString() {
        return "F_p[X]/(X^" + degree + " - 7)";
    }
}

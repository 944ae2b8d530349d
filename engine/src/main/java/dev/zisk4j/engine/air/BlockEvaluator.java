package dev.zisk4j.engine.air;

import static dev.zisk4j.engine.air.ConstraintProgram.ADD;
import static dev.zisk4j.engine.air.ConstraintProgram.MUL;
import static dev.zisk4j.engine.air.ConstraintProgram.NEG;
import static dev.zisk4j.engine.air.ConstraintProgram.SUB;
import static dev.zisk4j.engine.air.ConstraintProgram.VAR;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;

/**
 * Evaluates every constraint over a block of consecutive rows of a column-major trace or LDE, in tight
 * loops over {@code long[]} registers (one per program node; extension nodes have one array per component of
 * the challenges' field, d = 2 or 3, and the loops are specialised per degree). This is
 * the prover's hot path and also what {@link AirChecker} runs with stride 1.
 *
 * <p>Allocation happens only in the constructor; {@link #evaluate} allocates nothing. One instance per
 * thread: it is not thread-safe.
 */
public final class BlockEvaluator {
    private final ConstraintSystem cs;
    private final ConstraintProgram p;
    private final int block;
    private final long[][] c0;
    private final long[][] c1;
    private final long[][] c2;
    private final int degree;

    /**
     * @param blockSize rows per {@link #evaluate} call at most
     * @throws IllegalArgumentException if the bindings do not match the declared counts
     */
    public BlockEvaluator(ConstraintSystem cs, Challenges challenges, PublicValues publics, int blockSize) {
        cs.checkBindings(challenges, publics);
        this.cs = cs;
        this.p = cs.program();
        this.block = blockSize;
        this.degree = challenges.field().degree();
        long[] zeros = new long[blockSize];
        c0 = new long[p.size][];
        c1 = new long[p.size][];
        c2 = new long[p.size][];
        Ext[] uniform = p.uniformValues(challenges, publics);
        for (int i = 0; i < p.size; i++) {
            c0[i] = new long[blockSize];
            if (p.uniform[i]) {
                java.util.Arrays.fill(c0[i], uniform[i].c0());
                c1[i] = filled(uniform[i].c1(), zeros);
                c2[i] = filled(uniform[i].c2(), zeros);
            } else {
                c1[i] = p.ext[i] ? new long[blockSize] : zeros;
                c2[i] = p.ext[i] && degree == 3 ? new long[blockSize] : zeros;
            }
        }
    }

    private long[] filled(long v, long[] zeros) {
        if (v == 0) {
            return zeros;
        }
        long[] a = new long[block];
        java.util.Arrays.fill(a, v);
        return a;
    }

    public ConstraintSystem constraintSystem() {
        return cs;
    }

    /**
     * Evaluates rows [start, start+len) of a domain of n rows (a power of two) whose "next row" is
     * {@code stride} rows further, wrapping modulo n. Aux columns are given as d component arrays each.
     */
    public void evaluate(long[][] pre, long[][] main, long[][] aux, int n, int start, int len, int stride) {
        evaluate(pre, main, aux, n, start, len, stride, 1);
    }

    /**
     * As {@link #evaluate(long[][], long[][], long[][], int, int, int, int)} but on every {@code step}-th row:
     * block row r is domain row start + r·step (the prover evaluates the quotient on a sub-coset of the LDE).
     */
    public void evaluate(long[][] pre, long[][] main, long[][] aux, int n, int start, int len, int stride, int step) {
        if (len > block || len < 0) {
            throw new IllegalArgumentException("block too long: len=" + len + ", blockSize=" + block);
        }
        int mask = n - 1;
        byte[] op = p.op;
        for (int i = 0; i < p.size; i++) {
            if (p.uniform[i]) {
                continue;
            }
            long[] d0 = c0[i];
            long[] d1 = c1[i];
            long[] d2 = c2[i];
            boolean cubic = degree == 3 && p.ext[i];
            switch (op[i]) {
                case VAR -> {
                    int idx = (int) p.value[i];
                    int from = (start + (p.next[i] ? stride : 0)) & mask;
                    switch (p.kind[i]) {
                        case PRE -> load(pre[idx], from, d0, len, n, step);
                        case MAIN -> load(main[idx], from, d0, len, n, step);
                        case AUX -> {
                            load(aux[degree * idx], from, d0, len, n, step);
                            load(aux[degree * idx + 1], from, d1, len, n, step);
                            if (degree == 3) {
                                load(aux[degree * idx + 2], from, d2, len, n, step);
                            }
                        }
                    }
                }
                case ADD -> {
                    long[] x0 = c0[p.a[i]], y0 = c0[p.b[i]];
                    for (int r = 0; r < len; r++) {
                        d0[r] = Goldilocks.add(x0[r], y0[r]);
                    }
                    if (p.ext[i]) {
                        long[] x1 = c1[p.a[i]], y1 = c1[p.b[i]];
                        for (int r = 0; r < len; r++) {
                            d1[r] = Goldilocks.add(x1[r], y1[r]);
                        }
                        if (cubic) {
                            long[] x2 = c2[p.a[i]], y2 = c2[p.b[i]];
                            for (int r = 0; r < len; r++) {
                                d2[r] = Goldilocks.add(x2[r], y2[r]);
                            }
                        }
                    }
                }
                case SUB -> {
                    long[] x0 = c0[p.a[i]], y0 = c0[p.b[i]];
                    for (int r = 0; r < len; r++) {
                        d0[r] = Goldilocks.sub(x0[r], y0[r]);
                    }
                    if (p.ext[i]) {
                        long[] x1 = c1[p.a[i]], y1 = c1[p.b[i]];
                        for (int r = 0; r < len; r++) {
                            d1[r] = Goldilocks.sub(x1[r], y1[r]);
                        }
                        if (cubic) {
                            long[] x2 = c2[p.a[i]], y2 = c2[p.b[i]];
                            for (int r = 0; r < len; r++) {
                                d2[r] = Goldilocks.sub(x2[r], y2[r]);
                            }
                        }
                    }
                }
                case NEG -> {
                    long[] x0 = c0[p.a[i]];
                    for (int r = 0; r < len; r++) {
                        d0[r] = Goldilocks.neg(x0[r]);
                    }
                    if (p.ext[i]) {
                        long[] x1 = c1[p.a[i]];
                        for (int r = 0; r < len; r++) {
                            d1[r] = Goldilocks.neg(x1[r]);
                        }
                        if (cubic) {
                            long[] x2 = c2[p.a[i]];
                            for (int r = 0; r < len; r++) {
                                d2[r] = Goldilocks.neg(x2[r]);
                            }
                        }
                    }
                }
                case MUL -> mul(i, len);
                default -> throw new IllegalStateException("unexpected row node: op=" + op[i]);
            }
        }
    }

    private void mul(int i, int len) {
        int ia = p.a[i], ib = p.b[i];
        boolean ea = p.ext[ia], eb = p.ext[ib];
        long[] d0 = c0[i], d1 = c1[i], d2 = c2[i];
        long[] x0 = c0[ia], x1 = c1[ia], x2 = c2[ia], y0 = c0[ib], y1 = c1[ib], y2 = c2[ib];
        boolean cubic = degree == 3;
        if (!ea && !eb) {
            for (int r = 0; r < len; r++) {
                d0[r] = Goldilocks.mul(x0[r], y0[r]);
            }
        } else if (ea && !eb) {
            for (int r = 0; r < len; r++) {
                long y = y0[r];
                d0[r] = Goldilocks.mul(x0[r], y);
                d1[r] = Goldilocks.mul(x1[r], y);
            }
            if (cubic) {
                for (int r = 0; r < len; r++) {
                    d2[r] = Goldilocks.mul(x2[r], y0[r]);
                }
            }
        } else if (!ea) {
            for (int r = 0; r < len; r++) {
                long x = x0[r];
                d0[r] = Goldilocks.mul(x, y0[r]);
                d1[r] = Goldilocks.mul(x, y1[r]);
            }
            if (cubic) {
                for (int r = 0; r < len; r++) {
                    d2[r] = Goldilocks.mul(x0[r], y2[r]);
                }
            }
        } else if (!cubic) {
            for (int r = 0; r < len; r++) {
                long a0 = x0[r], a1 = x1[r], b0 = y0[r], b1 = y1[r];
                d0[r] = ExtField.mul2c0(a0, a1, b0, b1);
                d1[r] = ExtField.mul2c1(a0, a1, b0, b1);
            }
        } else {
            for (int r = 0; r < len; r++) {
                long a0 = x0[r], a1 = x1[r], a2 = x2[r], b0 = y0[r], b1 = y1[r], b2 = y2[r];
                d0[r] = ExtField.mul3c0(a0, a1, a2, b0, b1, b2);
                d1[r] = ExtField.mul3c1(a0, a1, a2, b0, b1, b2);
                d2[r] = ExtField.mul3c2(a0, a1, a2, b0, b1, b2);
            }
        }
    }

    private static void load(long[] col, int from, long[] dst, int len, int n, int step) {
        if (step != 1) {
            int mask = n - 1;
            for (int r = 0, i = from; r < len; r++, i = (i + step) & mask) {
                dst[r] = col[i];
            }
            return;
        }
        if (from + len <= n) {
            System.arraycopy(col, from, dst, 0, len);
        } else {
            int first = n - from;
            System.arraycopy(col, from, dst, 0, first);
            System.arraycopy(col, 0, dst, first, len - first);
        }
    }

    /** Component 0 of constraint c's values for the last evaluated block (valid for the first len entries). */
    public long[] valuesC0(int constraint) {
        return c0[p.roots[constraint]];
    }

    /** Component 1 of constraint c's values; an all-zero array for base-field constraints. */
    public long[] valuesC1(int constraint) {
        return c1[p.roots[constraint]];
    }

    /** Component 2 of constraint c's values; an all-zero array for base-field constraints and the quadratic field. */
    public long[] valuesC2(int constraint) {
        return c2[p.roots[constraint]];
    }

    /** The extension degree of the bound challenges (2 or 3). */
    public int degree() {
        return degree;
    }

    /** True if constraint c is an extension-field expression. */
    public boolean isExt(int constraint) {
        return p.ext[p.roots[constraint]];
    }
}

package dev.zisk4j.engine.air;

import static dev.zisk4j.engine.air.ConstraintProgram.ADD;
import static dev.zisk4j.engine.air.ConstraintProgram.MUL;
import static dev.zisk4j.engine.air.ConstraintProgram.NEG;
import static dev.zisk4j.engine.air.ConstraintProgram.SUB;
import static dev.zisk4j.engine.air.ConstraintProgram.VAR;

import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.field.Goldilocks;

/**
 * Evaluates every constraint over a block of consecutive rows of a column-major trace or LDE, in tight
 * loops over {@code long[]} registers (one per program node; extension nodes have a second array). This is
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

    /**
     * @param blockSize rows per {@link #evaluate} call at most
     * @throws IllegalArgumentException if the bindings do not match the declared counts
     */
    public BlockEvaluator(ConstraintSystem cs, Challenges challenges, PublicValues publics, int blockSize) {
        cs.checkBindings(challenges, publics);
        this.cs = cs;
        this.p = cs.program();
        this.block = blockSize;
        long[] zeros = new long[blockSize];
        c0 = new long[p.size][];
        c1 = new long[p.size][];
        Ext2[] uniform = p.uniformValues(challenges, publics);
        for (int i = 0; i < p.size; i++) {
            c0[i] = new long[blockSize];
            if (p.uniform[i]) {
                java.util.Arrays.fill(c0[i], uniform[i].c0());
                if (uniform[i].c1() != 0) {
                    c1[i] = new long[blockSize];
                    java.util.Arrays.fill(c1[i], uniform[i].c1());
                } else {
                    c1[i] = zeros;
                }
            } else {
                c1[i] = p.ext[i] ? new long[blockSize] : zeros;
            }
        }
    }

    public ConstraintSystem constraintSystem() {
        return cs;
    }

    /**
     * Evaluates rows [start, start+len) of a domain of n rows (a power of two) whose "next row" is
     * {@code stride} rows further, wrapping modulo n. Aux columns are given as (c0, c1) array pairs.
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
            switch (op[i]) {
                case VAR -> {
                    int idx = (int) p.value[i];
                    int from = (start + (p.next[i] ? stride : 0)) & mask;
                    switch (p.kind[i]) {
                        case PRE -> load(pre[idx], from, d0, len, n, step);
                        case MAIN -> load(main[idx], from, d0, len, n, step);
                        case AUX -> {
                            load(aux[2 * idx], from, d0, len, n, step);
                            load(aux[2 * idx + 1], from, d1, len, n, step);
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
        long[] d0 = c0[i], d1 = c1[i];
        long[] x0 = c0[ia], x1 = c1[ia], y0 = c0[ib], y1 = c1[ib];
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
        } else if (!ea) {
            for (int r = 0; r < len; r++) {
                long x = x0[r];
                d0[r] = Goldilocks.mul(x, y0[r]);
                d1[r] = Goldilocks.mul(x, y1[r]);
            }
        } else {
            for (int r = 0; r < len; r++) {
                long a0 = x0[r], a1 = x1[r], b0 = y0[r], b1 = y1[r];
                d0[r] = Ext2.mulC0(a0, a1, b0, b1);
                d1[r] = Ext2.mulC1(a0, a1, b0, b1);
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

    /** True if constraint c is an extension-field expression. */
    public boolean isExt(int constraint) {
        return p.ext[p.roots[constraint]];
    }
}

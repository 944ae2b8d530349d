package dev.zisk4j.engine.vmair;

import static dev.zisk4j.engine.vm.TraceLayout.*;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.field.ExtBatchInverse;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.vm.Opcode;

/**
 * Builds the ten aux (extension) columns of engine.md §3.4 from the committed trace and the
 * challenges: six LogUp running sums, two Horner accumulators, two RAM fingerprints. Each bus
 * batch-inverts all its denominators at once.
 */
final class VmAuxBuilder {
  /** Aux column indices (declaration order in {@link VmConstraints}). */
  static final int LP = 0, LM = 1, LR = 2, LB1 = 3, LB2 = 4, LB3 = 5, EIN = 6, EOUT = 7, MIN = 8, MOUT = 9;

  private final long[][] pre;
  private final long[][] main;
  private final int n;
  private final Challenges ch;
  private final Ext2 beta;
  private final Ext2 beta2;
  private final Ext2 beta3;

  VmAuxBuilder(long[][] pre, long[][] main, Challenges ch) {
    this.pre = pre;
    this.main = main;
    this.n = main[0].length;
    this.ch = ch;
    this.beta = ch.get(VmChallenges.BETA);
    this.beta2 = beta.mul(beta);
    this.beta3 = beta2.mul(beta);
  }

  /** The aux columns as (c0, c1) pairs in declaration order: Lp, Lm, Lr, Lb1, Lb2, Lb3, Ein, Eout, Min, Mout. */
  long[][] build() {
    long[][] out = new long[2 * AUX_COLUMNS][];
    long[] fStall = main[F0 + Opcode.STALL.code()];
    long[] fLoad = main[F0 + Opcode.LOAD.code()];
    long[] fStore = main[F0 + Opcode.STORE.code()];
    long[] fLt = main[F0 + Opcode.LT.code()];
    long[] access = new long[n];
    long[] notStall = new long[n];
    long[] memQuery = new long[n];
    long[] clock = new long[n];
    for (int i = 0; i < n; i++) {
      access[i] = Goldilocks.sub(Goldilocks.sub(1, main[MN][i]), main[MP][i]);
      notStall[i] = Goldilocks.sub(1, fStall[i]);
      memQuery[i] = Goldilocks.add(fLoad[i], fStore[i]);
      clock[i] = Goldilocks.add(pre[RIDX][i], 1);
    }
    Ext2 ap = ch.get(VmChallenges.ALPHA_P);
    put(out, LP, logUp(
        notStall, den(ap, main[PC], main[WORD], main[IMM], null),
        neg(main[PM]), den(ap, pre[PPC], pre[PWORD], pre[PIMM], null)));
    Ext2 am = ch.get(VmChallenges.ALPHA_M);
    put(out, LM, logUp(
        memQuery, den(am, clock, main[MADDR], main[MVAL], fStore),
        neg(access), den(am, main[MC], main[MA], main[MV], main[MW])));
    Ext2 ar = ch.get(VmChallenges.ALPHA_R);
    put(out, LR, logUp(access, den(ar, main[MD], null, null, null), neg(main[RM]), den(ar, pre[RIDX], null, null, null)));
    Ext2 ab = ch.get(VmChallenges.ALPHA_B);
    put(out, LB1, logUp(fLt, den(ab, main[K0], null, null, null), fLt, den(ab, main[K0 + 1], null, null, null)));
    put(out, LB2, logUp(fLt, den(ab, main[K0 + 2], null, null, null), fLt, den(ab, main[K0 + 3], null, null, null)));
    put(out, LB3, logUp(neg(main[BM]), den(ab, pre[BYTE], null, null, null), new long[n], null));
    put(out, EIN, horner(ch.get(VmChallenges.GAMMA_IN), main[F0 + Opcode.READ.code()], main[RES]));
    put(out, EOUT, horner(ch.get(VmChallenges.GAMMA_OUT), main[F0 + Opcode.WRITE.code()], main[A]));
    long[][] fp = fingerprintDenominators();
    put(out, MIN, fingerprintIn(fp));
    put(out, MOUT, fingerprintOut(fp));
    return out;
  }

  private static void put(long[][] out, int col, long[][] pair) {
    out[2 * col] = pair[0];
    out[2 * col + 1] = pair[1];
  }

  private long[] neg(long[] v) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = Goldilocks.neg(v[i]);
    }
    return r;
  }

  /** α − (x0 + β·x1 + β²·x2 + β³·x3) per row, as (c0, c1); null columns are absent terms. */
  private long[][] den(Ext2 alpha, long[] x0, long[] x1, long[] x2, long[] x3) {
    long[] d0 = new long[n];
    long[] d1 = new long[n];
    for (int i = 0; i < n; i++) {
      long c0 = x0[i];
      long c1 = 0;
      if (x1 != null) {
        c0 = Goldilocks.add(c0, Goldilocks.mul(beta.c0(), x1[i]));
        c1 = Goldilocks.add(c1, Goldilocks.mul(beta.c1(), x1[i]));
      }
      if (x2 != null) {
        c0 = Goldilocks.add(c0, Goldilocks.mul(beta2.c0(), x2[i]));
        c1 = Goldilocks.add(c1, Goldilocks.mul(beta2.c1(), x2[i]));
      }
      if (x3 != null) {
        c0 = Goldilocks.add(c0, Goldilocks.mul(beta3.c0(), x3[i]));
        c1 = Goldilocks.add(c1, Goldilocks.mul(beta3.c1(), x3[i]));
      }
      d0[i] = Goldilocks.sub(alpha.c0(), c0);
      d1[i] = Goldilocks.sub(alpha.c1(), c1);
    }
    return new long[][] {d0, d1};
  }

  /** L[0] = 0, L[i+1] = L[i] + s1[i]/D1[i] + s2[i]/D2[i] for i ≤ N−2 (D2 may be null). */
  private long[][] logUp(long[] s1, long[][] d1, long[] s2, long[][] d2) {
    ExtBatchInverse.invertInPlace(d1[0], d1[1], n);
    if (d2 != null) {
      ExtBatchInverse.invertInPlace(d2[0], d2[1], n);
    }
    long[] l0 = new long[n];
    long[] l1 = new long[n];
    for (int i = 0; i + 1 < n; i++) {
      long t0 = Goldilocks.mul(s1[i], d1[0][i]);
      long t1 = Goldilocks.mul(s1[i], d1[1][i]);
      if (d2 != null) {
        t0 = Goldilocks.add(t0, Goldilocks.mul(s2[i], d2[0][i]));
        t1 = Goldilocks.add(t1, Goldilocks.mul(s2[i], d2[1][i]));
      }
      l0[i + 1] = Goldilocks.add(l0[i], t0);
      l1[i + 1] = Goldilocks.add(l1[i], t1);
    }
    return new long[][] {l0, l1};
  }

  /** E[0] = 0; E' = γ·E + v on flagged rows, else E. */
  private long[][] horner(Ext2 gamma, long[] flag, long[] value) {
    long[] e0 = new long[n];
    long[] e1 = new long[n];
    for (int i = 0; i + 1 < n; i++) {
      if (flag[i] == 1) {
        e0[i + 1] = Goldilocks.add(Ext2.mulC0(gamma.c0(), gamma.c1(), e0[i], e1[i]), value[i]);
        e1[i + 1] = Ext2.mulC1(gamma.c0(), gamma.c1(), e0[i], e1[i]);
      } else {
        e0[i + 1] = e0[i];
        e1[i + 1] = e1[i];
      }
    }
    return new long[][] {e0, e1};
  }

  /** 1/(αio − ma − β·mv) per row. */
  private long[][] fingerprintDenominators() {
    long[][] d = den(ch.get(VmChallenges.ALPHA_IO), main[MA], main[MV], null, null);
    ExtBatchInverse.invertInPlace(d[0], d[1], n);
    return d;
  }

  /** Min[0] = 1/D[0]; Min[i+1] = Min[i] + mn[i+1]/D[i+1]. */
  private long[][] fingerprintIn(long[][] inv) {
    long[] a0 = new long[n];
    long[] a1 = new long[n];
    a0[0] = inv[0][0];
    a1[0] = inv[1][0];
    for (int i = 0; i + 1 < n; i++) {
      long mn = main[MN][i + 1];
      a0[i + 1] = Goldilocks.add(a0[i], Goldilocks.mul(mn, inv[0][i + 1]));
      a1[i + 1] = Goldilocks.add(a1[i], Goldilocks.mul(mn, inv[1][i + 1]));
    }
    return new long[][] {a0, a1};
  }

  /** Mout[0] = 0; Mout[i+1] = Mout[i] + mn[i+1]/D[i]. */
  private long[][] fingerprintOut(long[][] inv) {
    long[] a0 = new long[n];
    long[] a1 = new long[n];
    for (int i = 0; i + 1 < n; i++) {
      long mn = main[MN][i + 1];
      a0[i + 1] = Goldilocks.add(a0[i], Goldilocks.mul(mn, inv[0][i]));
      a1[i + 1] = Goldilocks.add(a1[i], Goldilocks.mul(mn, inv[1][i]));
    }
    return new long[][] {a0, a1};
  }

  /** MEM_OUT = Mout[N−1] + 1/(αio − ma[N−1] − β·mv[N−1]), from the built columns. */
  static Ext2 memOut(long[][] aux, long[][] main, Challenges ch) {
    int last = main[0].length - 1;
    Ext2 d = ch.get(VmChallenges.ALPHA_IO).sub(Ext2.of(main[MA][last]))
        .sub(ch.get(VmChallenges.BETA).mul(Ext2.of(main[MV][last])));
    return new Ext2(aux[2 * MOUT][last], aux[2 * MOUT + 1][last]).add(d.inv());
  }

  /** MEM_IN = Min[N−1]. */
  static Ext2 memIn(long[][] aux) {
    int last = aux[2 * MIN].length - 1;
    return new Ext2(aux[2 * MIN][last], aux[2 * MIN + 1][last]);
  }
}

package dev.zisk4j.engine.vmair;

import static dev.zisk4j.engine.vm.TraceLayout.*;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.vm.Opcode;

/**
 * Builds the ten aux (extension) columns of engine.md §3.4 from the committed trace and the
 * challenges: six LogUp running sums, two Horner accumulators, two RAM fingerprints. Each bus
 * batch-inverts all its denominators at once. An ext column is d component arrays (d = 2 or 3, the
 * challenges' field); every step but the Horner product is linear, so it runs per component.
 */
final class VmAuxBuilder {
  /** Aux column indices (declaration order in {@link VmConstraints}). */
  static final int LP = 0, LM = 1, LR = 2, LB1 = 3, LB2 = 4, LB3 = 5, EIN = 6, EOUT = 7, MIN = 8, MOUT = 9;
  /** Precompile variant only: the request fingerprint and the Poseidon bus sum. */
  static final int PACC = 10, LPOS = 11;

  private final long[][] pre;
  private final long[][] main;
  private final int n;
  private final Challenges ch;
  private final ExtField f;
  private final int d;
  private final Ext beta;
  private final Ext beta2;
  private final Ext beta3;

  VmAuxBuilder(long[][] pre, long[][] main, Challenges ch) {
    this.pre = pre;
    this.main = main;
    this.n = main[0].length;
    this.ch = ch;
    this.f = ch.field();
    this.d = f.degree();
    this.beta = ch.get(VmChallenges.BETA);
    this.beta2 = beta.mul(beta);
    this.beta3 = beta2.mul(beta);
  }

  /** The aux columns, d arrays each, in declaration order: Lp, Lm, Lr, Lb1, Lb2, Lb3, Ein, Eout, Min, Mout. */
  long[][] build() {
    boolean poseidon = main.length == MAIN_COLUMNS_POSEIDON;
    long[][] out = new long[d * (poseidon ? AUX_COLUMNS_POSEIDON : AUX_COLUMNS)][];
    long[] fStall = main[F0 + Opcode.STALL.code()];
    long[] fLoad = main[F0 + Opcode.LOAD.code()];
    long[] fStore = main[F0 + Opcode.STORE.code()];
    long[] fLt = main[F0 + Opcode.LT.code()];
    long[] access = new long[n];
    long[] notStall = new long[n];
    long[] memQuery = new long[n];
    long[] clock = new long[n];
    long[] writeFlag = fStore;
    if (poseidon) { // a POSEIDON micro-row is a memory query too, a write on its second half
      writeFlag = new long[n];
      for (int i = 0; i < n; i++) {
        writeFlag[i] = Goldilocks.add(fStore[i], main[PW][i]);
      }
    }
    for (int i = 0; i < n; i++) {
      access[i] = Goldilocks.sub(Goldilocks.sub(1, main[MN][i]), main[MP][i]);
      notStall[i] = Goldilocks.sub(1, fStall[i]);
      memQuery[i] = Goldilocks.add(fLoad[i], fStore[i]);
      if (poseidon) {
        memQuery[i] = Goldilocks.add(memQuery[i], main[F_POS][i]);
      }
      clock[i] = Goldilocks.add(pre[RIDX][i], 1);
    }
    Ext ap = ch.get(VmChallenges.ALPHA_P);
    put(out, LP, logUp(
        notStall, den(ap, main[PC], main[WORD], main[IMM], null),
        neg(main[PM]), den(ap, pre[PPC], pre[PWORD], pre[PIMM], null)));
    Ext am = ch.get(VmChallenges.ALPHA_M);
    put(out, LM, logUp(
        memQuery, den(am, clock, main[MADDR], main[MVAL], writeFlag),
        neg(access), den(am, main[MC], main[MA], main[MV], main[MW])));
    Ext ar = ch.get(VmChallenges.ALPHA_R);
    put(out, LR, logUp(access, den(ar, main[MD], null, null, null), neg(main[RM]), den(ar, pre[RIDX], null, null, null)));
    Ext ab = ch.get(VmChallenges.ALPHA_B);
    put(out, LB1, logUp(fLt, den(ab, main[K0], null, null, null), fLt, den(ab, main[K0 + 1], null, null, null)));
    put(out, LB2, logUp(fLt, den(ab, main[K0 + 2], null, null, null), fLt, den(ab, main[K0 + 3], null, null, null)));
    put(out, LB3, logUp(neg(main[BM]), den(ab, pre[BYTE], null, null, null), new long[n], null));
    put(out, EIN, horner(ch.get(VmChallenges.GAMMA_IN), main[F0 + Opcode.READ.code()], main[RES]));
    put(out, EOUT, horner(ch.get(VmChallenges.GAMMA_OUT), main[F0 + Opcode.WRITE.code()], main[A]));
    long[][] fp = fingerprintDenominators();
    put(out, MIN, fingerprintIn(fp));
    put(out, MOUT, fingerprintOut(fp));
    if (poseidon) {
      long[][] acc = poseidonFingerprints();
      put(out, PACC, acc);
      put(out, LPOS, poseidonBus(acc));
    }
    return out;
  }

  /** Pacc on POSEIDON rows: mval on a first micro-row, β_pos·Pacc(previous) + mval after; 0 elsewhere. */
  private long[][] poseidonFingerprints() {
    Ext beta = ch.get(VmChallenges.BETA_POS);
    long[][] acc = new long[d][n];
    Ext cur = f.zero();
    for (int i = 0; i < n; i++) {
      if (main[F_POS][i] != 1) {
        cur = f.zero();
        continue;
      }
      boolean continues = i > 0 && main[F_POS][i - 1] == 1 && main[PL][i - 1] == 0;
      cur = (continues ? cur.mul(beta) : f.zero()).add(f.of(main[MVAL][i]));
      for (int k = 0; k < d; k++) {
        acc[k][i] = cur.component(k);
      }
    }
    return acc;
  }

  /** Lpos[0] = 0, Lpos[i+1] = Lpos[i] + pl[i]/(α_pos − Pacc[i]). */
  private long[][] poseidonBus(long[][] acc) {
    long[][] den = den(ch.get(VmChallenges.ALPHA_POS), new long[n], null, null, null);
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < n; i++) {
        den[k][i] = Goldilocks.sub(den[k][i], acc[k][i]);
      }
    }
    return logUp(main[PL], den, new long[n], null);
  }

  /** POS_SUM = Lpos[N−1], from the built columns. */
  static Ext posSum(long[][] aux, ExtField f) {
    int last = aux[f.degree() * LPOS].length - 1;
    return f.at(aux, f.degree() * LPOS, last);
  }

  private void put(long[][] out, int col, long[][] components) {
    System.arraycopy(components, 0, out, d * col, d);
  }

  private long[] neg(long[] v) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = Goldilocks.neg(v[i]);
    }
    return r;
  }

  /** α − (x0 + β·x1 + β²·x2 + β³·x3) per row, as d component arrays; null columns are absent terms. */
  private long[][] den(Ext alpha, long[] x0, long[] x1, long[] x2, long[] x3) {
    long[][] out = new long[d][n];
    for (int k = 0; k < d; k++) {
      long b1 = beta.component(k), b2 = beta2.component(k), b3 = beta3.component(k);
      long a = alpha.component(k);
      long[] o = out[k];
      for (int i = 0; i < n; i++) {
        long c = k == 0 ? x0[i] : 0;
        if (x1 != null) {
          c = Goldilocks.add(c, Goldilocks.mul(b1, x1[i]));
        }
        if (x2 != null) {
          c = Goldilocks.add(c, Goldilocks.mul(b2, x2[i]));
        }
        if (x3 != null) {
          c = Goldilocks.add(c, Goldilocks.mul(b3, x3[i]));
        }
        o[i] = Goldilocks.sub(a, c);
      }
    }
    return out;
  }

  /** L[0] = 0, L[i+1] = L[i] + s1[i]/D1[i] + s2[i]/D2[i] for i ≤ N−2 (D2 may be null). */
  private long[][] logUp(long[] s1, long[][] d1, long[] s2, long[][] d2) {
    f.invertInPlace(d1, 0, n);
    if (d2 != null) {
      f.invertInPlace(d2, 0, n);
    }
    long[][] l = new long[d][n];
    for (int k = 0; k < d; k++) {
      long[] lk = l[k];
      long[] i1 = d1[k];
      long[] i2 = d2 == null ? null : d2[k];
      for (int i = 0; i + 1 < n; i++) {
        long t = Goldilocks.mul(s1[i], i1[i]);
        if (i2 != null) {
          t = Goldilocks.add(t, Goldilocks.mul(s2[i], i2[i]));
        }
        lk[i + 1] = Goldilocks.add(lk[i], t);
      }
    }
    return l;
  }

  /** E[0] = 0; E' = γ·E + v on flagged rows, else E. */
  private long[][] horner(Ext gamma, long[] flag, long[] value) {
    long[][] e = new long[d][n];
    Ext acc = f.zero();
    for (int i = 0; i + 1 < n; i++) {
      if (flag[i] == 1) {
        acc = acc.mul(gamma).add(f.of(value[i]));
      }
      for (int k = 0; k < d; k++) {
        e[k][i + 1] = acc.component(k);
      }
    }
    return e;
  }

  /** 1/(αio − ma − β·mv) per row. */
  private long[][] fingerprintDenominators() {
    long[][] den = den(ch.get(VmChallenges.ALPHA_IO), main[MA], main[MV], null, null);
    f.invertInPlace(den, 0, n);
    return den;
  }

  /** Min[0] = 1/D[0]; Min[i+1] = Min[i] + mn[i+1]/D[i+1]. */
  private long[][] fingerprintIn(long[][] inv) {
    long[][] a = new long[d][n];
    for (int k = 0; k < d; k++) {
      long[] ak = a[k];
      long[] ik = inv[k];
      ak[0] = ik[0];
      for (int i = 0; i + 1 < n; i++) {
        ak[i + 1] = Goldilocks.add(ak[i], Goldilocks.mul(main[MN][i + 1], ik[i + 1]));
      }
    }
    return a;
  }

  /** Mout[0] = 0; Mout[i+1] = Mout[i] + mn[i+1]/D[i]. */
  private long[][] fingerprintOut(long[][] inv) {
    long[][] a = new long[d][n];
    for (int k = 0; k < d; k++) {
      long[] ak = a[k];
      long[] ik = inv[k];
      for (int i = 0; i + 1 < n; i++) {
        ak[i + 1] = Goldilocks.add(ak[i], Goldilocks.mul(main[MN][i + 1], ik[i]));
      }
    }
    return a;
  }

  /** MEM_OUT = Mout[N−1] + 1/(αio − ma[N−1] − β·mv[N−1]), from the built columns. */
  static Ext memOut(long[][] aux, long[][] main, Challenges ch) {
    ExtField f = ch.field();
    int last = main[0].length - 1;
    Ext den = ch.get(VmChallenges.ALPHA_IO).sub(f.of(main[MA][last]))
        .sub(ch.get(VmChallenges.BETA).mul(f.of(main[MV][last])));
    return f.at(aux, f.degree() * MOUT, last).add(den.inv());
  }

  /** MEM_IN = Min[N−1]. */
  static Ext memIn(long[][] aux, ExtField f) {
    int last = aux[f.degree() * MIN].length - 1;
    return f.at(aux, f.degree() * MIN, last);
  }
}

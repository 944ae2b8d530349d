package dev.zisk4j.engine.precompile;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.AirBuilder;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.Column;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.Expr;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;
import java.util.ArrayList;
import java.util.List;

/**
 * The Poseidon precompile AIR (engine/PRECOMPILES.md §2): one row per permutation, no selectors, no
 * preprocessed columns (the round constants and the MDS are constants of the constraints, the same on
 * every row). Every row but the last, padding included, is a true permutation of its {@code in} columns
 * into its {@code out} columns (transition constraints hold on rows 0..N−2); {@code mult} is the row's
 * free lookup multiplicity on the Poseidon bus, and 0 on the last row, which therefore says nothing.
 *
 * <p>Per full round 24 columns (u = (x + c)³ and w = u²·(x + c) for the 12 elements), per partial round
 * 2 (element 0 only). Each round's input x is a linear form of earlier columns (coefficients computed
 * here, once), so every constraint has degree ≤ 3 without state columns between rounds. Constraint
 * families: {@code pos.full}, {@code pos.partial}, {@code pos.output}, {@code bus.poseidon}, {@code
 * first}, {@code last}.
 *
 * <p>The bus: L starts at 0 and adds −mult/(α − fp) per row, fp = Σ_{k<24} β^(23−k)·msg_k (msg = in ‖ out); the last
 * row (mult = 0 there) closes L to the ext public POS_SUM, this instance's share of the bundle-wide balance. POS_SUM is
 * the prover's claim, bound into the transcript before λ; it is given explicitly to two-phase proving
 * and verifying ({@link #extPublics} refuses to derive it). Immutable and thread-safe.
 */
public final class PoseidonAir implements Air {
  public static final int W = Poseidon.WIDTH;
  /** Column of in_j. */
  public static final int IN = 0;
  /** Main columns: in (12), 8 full rounds × 24, 22 partial rounds × 2, out (12), mult (1). */
  public static final int MAIN_COLUMNS = W + Poseidon.FULL_ROUNDS * 2 * W + Poseidon.PARTIAL_ROUNDS * 2 + W + 1;
  /** Column of out_j. */
  public static final int OUT = MAIN_COLUMNS - 1 - W;
  /** The multiplicity column. */
  public static final int MULT = MAIN_COLUMNS - 1;
  /** Challenge order: α then β. */
  public static final int ALPHA = 0;
  public static final int BETA = 1;
  /** Smallest instance: 2^4 rows. */
  public static final int MIN_LOG_ROWS = 4;

  /** Column of u (round r, element i; partial rounds have only i = 0). */
  private static final int[][] U = new int[Poseidon.ROUNDS][];
  private static final int[][] WC = new int[Poseidon.ROUNDS][];

  static {
    int col = W;
    for (int r = 0; r < Poseidon.ROUNDS; r++) {
      int k = Poseidon.isFullRound(r) ? W : 1;
      U[r] = new int[k];
      WC[r] = new int[k];
      for (int i = 0; i < k; i++) {
        U[r][i] = col++;
        WC[r][i] = col++;
      }
    }
    if (col != OUT) {
      throw new IllegalStateException("column layout broken: col=" + col + ", OUT=" + OUT);
    }
  }

  private final ConstraintSystem cs;

  public PoseidonAir() {
    AirBuilder b = new AirBuilder(3);
    Column[] m = new Column[MAIN_COLUMNS];
    for (int c = 0; c < MAIN_COLUMNS; c++) {
      m[c] = b.main(columnName(c));
    }
    Column l = b.aux("L");
    Expr alpha = b.challenge("alpha_pos");
    Expr beta = b.challenge("beta_pos");
    Expr sum = b.publicExt("POS_SUM");

    // x: the round input as linear forms over the main columns (last entry: the constant)
    long[][] x = new long[W][];
    for (int i = 0; i < W; i++) {
      x[i] = unit(IN + i);
    }
    for (int r = 0; r < Poseidon.ROUNDS; r++) {
      boolean full = Poseidon.isFullRound(r);
      long[][] y = new long[W][];
      for (int i = 0; i < W; i++) {
        y[i] = addConstant(x[i], Poseidon.roundConstant(r, i));
      }
      String fam = full ? "pos.full" : "pos.partial";
      for (int i = 0; i < U[r].length; i++) {
        Expr yi = expr(m, y[i]);
        Expr u = m[U[r][i]].cur();
        Expr w = m[WC[r][i]].cur();
        b.transition(fam + ".cube." + r + "." + i, fam, u.sub(yi.mul(yi).mul(yi)));
        b.transition(fam + ".sbox." + r + "." + i, fam, w.sub(u.mul(u).mul(yi)));
        y[i] = unit(WC[r][i]);
      }
      long[][] next = new long[W][];
      for (int i = 0; i < W; i++) {
        long[] acc = new long[MAIN_COLUMNS + 1];
        for (int j = 0; j < W; j++) {
          axpy(acc, Poseidon.mdsEntry(i, j), y[j]);
        }
        next[i] = acc;
      }
      x = next;
    }
    for (int i = 0; i < W; i++) {
      b.transition("pos.output." + i, "pos.output", m[OUT + i].cur().sub(expr(m, x[i])));
    }

    // fp = Σ_k β^(23−k)·msg_k with msg = in ‖ out: the Horner order in which the VM's micro-rows
    // accumulate the same 24 words (PRECOMPILES.md §3)
    Expr fp = Expr.ZERO;
    Expr pow = Expr.ONE;
    for (int j = 2 * W - 1; j >= 0; j--) {
      Expr cell = m[j < W ? IN + j : OUT + j - W].cur();
      fp = fp.add(j == 2 * W - 1 ? cell : cell.mul(pow));
      pow = pow.mul(beta);
    }
    Expr den = alpha.sub(fp);
    // pos.* above and the bus hold on rows 0..N-2; the last row has mult = 0 so it adds nothing
    Expr mult = m[MULT].cur();
    b.transition("bus.poseidon", "bus.poseidon", l.next().sub(l.cur()).mul(den).add(mult));
    b.first("first.L", "first", l.cur());
    b.last("last.mult", "last", mult);
    b.last("last.L", "last", sum.sub(l.cur()));
    cs = b.build();
  }

  private static long[] unit(int col) {
    long[] v = new long[MAIN_COLUMNS + 1];
    v[col] = 1;
    return v;
  }

  private static long[] addConstant(long[] form, long c) {
    long[] v = form.clone();
    v[MAIN_COLUMNS] = Goldilocks.add(v[MAIN_COLUMNS], c);
    return v;
  }

  private static void axpy(long[] acc, long a, long[] v) {
    for (int k = 0; k < acc.length; k++) {
      if (v[k] != 0) {
        acc[k] = Goldilocks.add(acc[k], Goldilocks.mul(a, v[k]));
      }
    }
  }

  private static Expr expr(Column[] m, long[] form) {
    List<Expr> terms = new ArrayList<>();
    for (int c = 0; c < MAIN_COLUMNS; c++) {
      if (form[c] == 1) {
        terms.add(m[c].cur());
      } else if (form[c] != 0) {
        terms.add(m[c].cur().mul(form[c]));
      }
    }
    if (form[MAIN_COLUMNS] != 0) {
      terms.add(Expr.constant(form[MAIN_COLUMNS]));
    }
    return Expr.sum(terms);
  }

  /** The name of main column c (in_j, u_r_i, w_r_i, out_j, mult). */
  public static String columnName(int c) {
    if (c < W) {
      return "in" + c;
    }
    if (c >= OUT && c < MULT) {
      return "out" + (c - OUT);
    }
    if (c == MULT) {
      return "mult";
    }
    for (int r = 0; r < Poseidon.ROUNDS; r++) {
      for (int i = 0; i < U[r].length; i++) {
        if (U[r][i] == c) {
          return "u_" + r + "_" + i;
        }
        if (WC[r][i] == c) {
          return "w_" + r + "_" + i;
        }
      }
    }
    throw new IllegalArgumentException("no such column: c=" + c);
  }

  @Override
  public String name() {
    return "precompile/poseidon";
  }

  @Override
  public ConstraintSystem constraints() {
    return cs;
  }

  /** The bus sum is a prover's claim, never derived: single-call proving has no place to take it from. */
  @Override
  public long[] extPublics(long[] basePublics, Challenges challenges) {
    throw new UnsupportedOperationException("POS_SUM is claimed by the prover and checked by the bundle's bus"
        + " balance: prove and verify the Poseidon AIR two-phase (PoseidonInstances), not single-call");
  }

  @Override
  public long[][] buildAux(long[][] pre, long[][] main, Challenges challenges, PublicValues publics) {
    int n = main[0].length;
    ExtField f = challenges.field();
    int d = f.degree();
    long[][] den = denominators(main, challenges);
    f.invertInPlace(den, 0, n);
    long[][] l = new long[d][n];
    for (int i = 0; i + 1 < n; i++) {
      long mi = main[MULT][i];
      for (int k = 0; k < d; k++) {
        l[k][i + 1] = Goldilocks.sub(l[k][i], Goldilocks.mul(mi, den[k][i]));
      }
    }
    return l;
  }

  /** α − fp per row, as d component arrays. */
  private static long[][] denominators(long[][] main, Challenges ch) {
    int n = main[0].length;
    ExtField f = ch.field();
    int d = f.degree();
    Ext alpha = ch.get(ALPHA);
    Ext beta = ch.get(BETA);
    Ext[] pow = new Ext[2 * W];
    pow[2 * W - 1] = f.one();
    for (int j = 2 * W - 2; j >= 0; j--) {
      pow[j] = pow[j + 1].mul(beta);
    }
    long[][] den = new long[d][n];
    for (int i = 0; i < n; i++) {
      Ext fp = f.zero();
      for (int j = 0; j < 2 * W; j++) {
        long v = main[j < W ? IN + j : OUT + j - W][i];
        fp = fp.add(pow[j].mul(v));
      }
      Ext e = alpha.sub(fp);
      for (int k = 0; k < d; k++) {
        den[k][i] = e.component(k);
      }
    }
    return den;
  }

  /**
   * This instance's bus sum −Σ mult_i/(α − fp_i) over all rows: what POS_SUM must be.
   */
  public static Ext busSum(long[][] main, Challenges ch) {
    int n = main[0].length;
    ExtField f = ch.field();
    long[][] den = denominators(main, ch);
    f.invertInPlace(den, 0, n);
    Ext s = f.zero();
    for (int i = 0; i < n; i++) {
      s = s.sub(f.at(den, 0, i).mul(main[MULT][i]));
    }
    return s;
  }
}

package dev.zisk4j.engine.precompile;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;

/**
 * Builds the main trace of a {@link PoseidonAir} instance: one row per distinct requested input state
 * with its multiplicity, then padding rows (the zero state, mult 0) up to a power of two with the last
 * row free (the AIR keeps it out of the bus).
 */
public final class PoseidonTrace {
  private PoseidonTrace() {}

  /** Rows an instance needs for {@code permutations} rows of content: a power of two ≥ permutations + 1, ≥ 2^4. */
  public static int rowsFor(int permutations) {
    int need = Math.max(permutations + 1, 1 << PoseidonAir.MIN_LOG_ROWS);
    return Integer.highestOneBit(need - 1) << 1;
  }

  /**
   * The trace of these input states (each 12 canonical words) with these multiplicities.
   *
   * @param inputs states[k] is the k-th row's input
   * @param mult multiplicity of row k (how many requests it serves)
   * @param rows the trace length (a power of two ≥ inputs.length + 1)
   * @throws IllegalArgumentException if the sizes do not fit or a word is not canonical
   */
  public static long[][] build(long[][] inputs, long[] mult, int rows) {
    if (inputs.length != mult.length) {
      throw new IllegalArgumentException("inputs and multiplicities differ: inputs=" + inputs.length + ", mult=" + mult.length);
    }
    if (Integer.bitCount(rows) != 1 || rows < (1 << PoseidonAir.MIN_LOG_ROWS) || inputs.length > rows - 1) {
      throw new IllegalArgumentException("bad instance size: rows=" + rows + ", permutations=" + inputs.length);
    }
    long[][] t = new long[PoseidonAir.MAIN_COLUMNS][rows];
    long[] s = new long[Poseidon.WIDTH];
    long[] zero = new long[Poseidon.WIDTH];
    for (int row = 0; row < rows; row++) {
      long[] in = row < inputs.length ? inputs[row] : zero;
      if (in.length != Poseidon.WIDTH) {
        throw new IllegalArgumentException("a state has 12 words: row=" + row + ", length=" + in.length);
      }
      for (int i = 0; i < Poseidon.WIDTH; i++) {
        s[i] = Goldilocks.checked(in[i]);
        t[PoseidonAir.IN + i][row] = s[i];
      }
      fillRounds(t, row, s);
      t[PoseidonAir.MULT][row] = row < inputs.length ? Goldilocks.checked(mult[row]) : 0;
    }
    return t;
  }

  /** Runs the rounds on s, writing u, w and out of this row (the same round function as Poseidon.permute). */
  private static void fillRounds(long[][] t, int row, long[] s) {
    int col = PoseidonAir.W;
    long[] tmp = new long[Poseidon.WIDTH];
    for (int r = 0; r < Poseidon.ROUNDS; r++) {
      int k = Poseidon.isFullRound(r) ? Poseidon.WIDTH : 1;
      for (int i = 0; i < Poseidon.WIDTH; i++) {
        s[i] = Goldilocks.add(s[i], Poseidon.roundConstant(r, i));
      }
      for (int i = 0; i < k; i++) {
        long y = s[i];
        long u = Goldilocks.mul(Goldilocks.mul(y, y), y);
        long w = Goldilocks.mul(Goldilocks.mul(u, u), y);
        t[col++][row] = u;
        t[col++][row] = w;
        s[i] = w;
      }
      for (int i = 0; i < Poseidon.WIDTH; i++) {
        long acc = 0;
        for (int j = 0; j < Poseidon.WIDTH; j++) {
          acc = Goldilocks.add(acc, Goldilocks.mul(Poseidon.mdsEntry(i, j), s[j]));
        }
        tmp[i] = acc;
      }
      System.arraycopy(tmp, 0, s, 0, Poseidon.WIDTH);
    }
    for (int i = 0; i < Poseidon.WIDTH; i++) {
      t[PoseidonAir.OUT + i][row] = s[i];
    }
  }
}

package dev.zisk4j.engine.vm;

/**
 * Column indices of the VM trace (engine.md §3.1), in the declaration order that fixes commitments.
 *
 * <pre>
 * main (72): pc r1..r7 word imm f0..f15 sd0..7 sa0..7 sb0..7 a b res h maddr mval k0..k3 icnt ocnt   (62, processor)
 *            ma mc mv mw mn mp md                                                                   (7, memory)
 *            pm rm bm                                                                               (3, multiplicities)
 * pre  (5):  PPC PWORD PIMM RIDX BYTE
 * aux  (10 ext): Lp Lm Lr Lb1 Lb2 Lb3 Ein Eout Min Mout
 * </pre>
 *
 * <p>A program that uses POSEIDON gets the precompile variant (PRECOMPILES.md §3): four more main
 * columns after bm, {@code f_poseidon pj pw pl} (76 in all), and two more aux columns {@code Pacc Lpos}
 * (12). A program without POSEIDON keeps exactly the 72/10 layout above, so its proofs are unchanged.
 */
public final class TraceLayout {
  public static final int PC = 0;
  /** r_i for i = 1..7 is column {@code R0 + i} (r0 has no column: it is always 0). */
  public static final int R0 = 0;
  public static final int WORD = 8;
  public static final int IMM = 9;
  /** Opcode flag f_k is column {@code F0 + k}. */
  public static final int F0 = 10;
  public static final int SD0 = 26;
  public static final int SA0 = 34;
  public static final int SB0 = 42;
  public static final int A = 50;
  public static final int B = 51;
  public static final int RES = 52;
  public static final int H = 53;
  public static final int MADDR = 54;
  public static final int MVAL = 55;
  /** LT byte k_j is column {@code K0 + j}. */
  public static final int K0 = 56;
  public static final int ICNT = 60;
  public static final int OCNT = 61;
  public static final int MA = 62;
  public static final int MC = 63;
  public static final int MV = 64;
  public static final int MW = 65;
  public static final int MN = 66;
  public static final int MP = 67;
  public static final int MD = 68;
  public static final int PM = 69;
  public static final int RM = 70;
  public static final int BM = 71;
  public static final int MAIN_COLUMNS = 72;
  /** The POSEIDON flag (precompile variant only). */
  public static final int F_POS = 72;
  /** Micro-row index j = 0..23 inside a POSEIDON. */
  public static final int PJ = 73;
  /** 1 on the write half (j ≥ 12) of a POSEIDON. */
  public static final int PW = 74;
  /** 1 on the last micro-row (j = 23), where the request goes on the Poseidon bus. */
  public static final int PL = 75;
  /** Main columns of the precompile variant. */
  public static final int MAIN_COLUMNS_POSEIDON = 76;

  public static final int PPC = 0;
  public static final int PWORD = 1;
  public static final int PIMM = 2;
  public static final int RIDX = 3;
  public static final int BYTE = 4;
  public static final int PRE_COLUMNS = 5;

  public static final int AUX_COLUMNS = 10;
  /** Aux columns of the precompile variant: the ten above, then Pacc and Lpos. */
  public static final int AUX_COLUMNS_POSEIDON = 12;

  /** Smallest segment: the design's N ≥ 512 (the byte table needs 256 rows plus room). */
  public static final int MIN_ROWS = 512;

  private TraceLayout() {}

  /** Main-column names in order (for the AIR declaration and debug output). */
  public static String[] mainNames() {
    return mainNames(false);
  }

  /** The main-column count of a layout. */
  public static int mainColumns(boolean poseidon) {
    return poseidon ? MAIN_COLUMNS_POSEIDON : MAIN_COLUMNS;
  }

  /** Main-column names of the plain layout or of the precompile variant. */
  public static String[] mainNames(boolean poseidon) {
    String[] n = new String[mainColumns(poseidon)];
    if (poseidon) {
      n[F_POS] = "f_poseidon";
      n[PJ] = "pj";
      n[PW] = "pw";
      n[PL] = "pl";
    }
    n[PC] = "pc";
    for (int i = 1; i < 8; i++) {
      n[R0 + i] = "r" + i;
    }
    n[WORD] = "word";
    n[IMM] = "imm";
    for (Opcode op : Opcode.vmAirValues()) {
      n[F0 + op.code()] = "f_" + op.mnemonic();
    }
    for (int i = 0; i < 8; i++) {
      n[SD0 + i] = "sd" + i;
      n[SA0 + i] = "sa" + i;
      n[SB0 + i] = "sb" + i;
    }
    String[] rest = {"a", "b", "res", "h", "maddr", "mval", "k0", "k1", "k2", "k3", "icnt", "ocnt",
        "ma", "mc", "mv", "mw", "mn", "mp", "md", "pm", "rm", "bm"};
    System.arraycopy(rest, 0, n, A, rest.length);
    return n;
  }
}

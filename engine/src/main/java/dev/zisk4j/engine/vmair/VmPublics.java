package dev.zisk4j.engine.vmair;

/**
 * Indices of the VM AIR's public values. Base (18): PC_START, R_START_1..7, PC_END, R_END_1..7,
 * IN_LEN, OUT_LEN. Ext (4): E_IN, E_OUT (Horner sums of the tapes, computed by the verifier),
 * MEM_IN, MEM_OUT (the segment's RAM fingerprints on entry and exit).
 */
public final class VmPublics {
  public static final int PC_START = 0;
  /** R_START_i is {@code R_START + i − 1} for i = 1..7. */
  public static final int R_START = 1;
  public static final int PC_END = 8;
  /** R_END_i is {@code R_END + i − 1}. */
  public static final int R_END = 9;
  public static final int IN_LEN = 16;
  public static final int OUT_LEN = 17;
  public static final int BASE_COUNT = 18;

  public static final int E_IN = 0;
  public static final int E_OUT = 1;
  public static final int MEM_IN = 2;
  public static final int MEM_OUT = 3;
  public static final int EXT_COUNT = 4;
  /** The precompile variant's fifth ext public: the segment's share of the Poseidon bus (Lpos at N−1). */
  public static final int POS_SUM = 4;
  public static final int EXT_COUNT_POSEIDON = 5;

  private VmPublics() {}
}

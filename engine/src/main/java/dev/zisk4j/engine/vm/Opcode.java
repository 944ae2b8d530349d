package dev.zisk4j.engine.vm;

/**
 * The sixteen opcodes of the VM (engine.md §2.1), numbered as on the wire.
 *
 * <p>{@link #forcesRd0()} marks the ops whose result is meaningless: the loader rejects rd ≠ r0 for
 * them so that every valid image has one decoding.
 */
public enum Opcode {
  ADD(0, "add", false),
  SUB(1, "sub", false),
  MUL(2, "mul", false),
  INV(3, "inv", false),
  EQ(4, "eq", false),
  LT(5, "lt", false),
  JAL(6, "jal", false),
  BNZ(7, "bnz", true),
  BZ(8, "bz", true),
  LOAD(9, "load", false),
  STORE(10, "store", true),
  READ(11, "read", false),
  WRITE(12, "write", true),
  ASSERT(13, "assert", true),
  HALT(14, "halt", true),
  /** Padding rows after HALT inside a segment; cannot be assembled or loaded. */
  STALL(15, "stall", true);

  private static final Opcode[] BY_CODE = values();

  private final int code;
  private final String mnemonic;
  private final boolean forcesRd0;

  Opcode(int code, String mnemonic, boolean forcesRd0) {
    this.code = code;
    this.mnemonic = mnemonic;
    this.forcesRd0 = forcesRd0;
  }

  /** The 4-bit code (0..15) used in the instruction word and the one-hot flag index. */
  public int code() {
    return code;
  }

  /** The assembler mnemonic. */
  public String mnemonic() {
    return mnemonic;
  }

  /** True if rd must be r0 (the op writes no register). */
  public boolean forcesRd0() {
    return forcesRd0;
  }

  /**
   * The opcode with this code.
   *
   * @throws IllegalArgumentException if code is outside 0..15
   */
  public static Opcode of(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("opcode out of range: code=" + code);
    }
    return BY_CODE[code];
  }
}

package dev.zisk4j.engine.vm;

/**
 * The opcodes of the VM, numbered as on the wire: the sixteen of engine.md §2.1 and the precompile
 * POSEIDON (16, engine/PRECOMPILES.md §1). Codes are 6 bits (0..63); the VM AIR's one-hot flags cover
 * the sixteen {@link #inVmAir()} codes only, until the precompile columns land.
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
  STALL(15, "stall", true),
  /** The zkEVM Poseidon permutation of RAM[A..A+11] in place, A = r[rs1] + imm (PRECOMPILES.md §1). */
  POSEIDON(16, "poseidon", true);

  /** Opcodes are below 2^6. */
  public static final int CODE_LIMIT = 64;
  /** The opcodes 0..15 that the VM AIR (engine.md §3) has flag columns for. */
  private static final int VM_AIR_CODES = 16;

  private static final Opcode[] BY_CODE = values();

  private final int code;
  private final String mnemonic;
  private final boolean forcesRd0;

  Opcode(int code, String mnemonic, boolean forcesRd0) {
    this.code = code;
    this.mnemonic = mnemonic;
    this.forcesRd0 = forcesRd0;
  }

  /** The code (0..63) used in the instruction word; for {@link #inVmAir()} ops the one-hot flag index. */
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

  /** True for the ops the VM AIR has a flag column for (everything but the precompiles). */
  public boolean inVmAir() {
    return code < VM_AIR_CODES;
  }

  /** The ops with a VM AIR flag column, in code order (the AIR's column order). */
  public static Opcode[] vmAirValues() {
    return java.util.Arrays.copyOf(BY_CODE, VM_AIR_CODES);
  }

  /** True if an opcode has this code. */
  public static boolean isDefined(int code) {
    return code >= 0 && code < BY_CODE.length;
  }

  /**
   * The opcode with this code.
   *
   * @throws IllegalArgumentException if no opcode has this code
   */
  public static Opcode of(int code) {
    if (!isDefined(code)) {
      throw new IllegalArgumentException("opcode out of range: code=" + code);
    }
    return BY_CODE[code];
  }
}

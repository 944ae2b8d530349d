package dev.zisk4j.engine.vm;

/**
 * One decoded instruction: op, three register indices and an immediate field element.
 *
 * <p>Semantics (engine.md §2.1): a = r[rs1], b = r[rs2] + imm; the result goes to rd unless the op
 * forces rd = r0. The {@link #word()} is {@code (op & 15) + 16·rd + 128·rs1 + 1024·rs2 + 8192·(op >> 4)}:
 * below 2^13 for the sixteen ops of engine.md §2.1 (their words are unchanged), below 2^15 in general.
 *
 * @param imm canonical field element in [0, p), read as unsigned
 */
public record Instruction(Opcode op, int rd, int rs1, int rs2, long imm) {

  /** Number of registers r0..r7. */
  public static final int REGISTERS = 8;

  /** Instruction words are below 2^15 (a 6-bit opcode split over bits 0..3 and 13..14). */
  public static final int WORD_LIMIT = 1 << 15;

  /**
   * Validates register indices and the immediate.
   *
   * @throws IllegalArgumentException if a register is outside 0..7 or imm is not canonical
   */
  public Instruction {
    checkReg("rd", rd);
    checkReg("rs1", rs1);
    checkReg("rs2", rs2);
    if (Long.compareUnsigned(imm, Isa.P) >= 0) {
      throw new IllegalArgumentException("immediate not canonical: imm=" + Long.toUnsignedString(imm));
    }
  }

  private static void checkReg(String name, int r) {
    if (r < 0 || r >= REGISTERS) {
      throw new IllegalArgumentException("register out of range: " + name + "=" + r);
    }
  }

  /** The instruction word (below 2^15; below 2^13 for every op but the precompiles). */
  public int word() {
    return (op.code() & 15) + 16 * rd + 128 * rs1 + 1024 * rs2 + 8192 * (op.code() >>> 4);
  }

  /**
   * Decodes a word plus immediate.
   *
   * @throws IllegalArgumentException if word is negative or ≥ 2^15, names no opcode, or imm is not canonical
   */
  public static Instruction decode(int word, long imm) {
    if (word < 0 || word >= WORD_LIMIT) {
      throw new IllegalArgumentException("instruction word out of range: word=" + word);
    }
    return new Instruction(
        Opcode.of((word & 15) + 16 * (word >>> 13)), (word >>> 4) & 7, (word >>> 7) & 7, (word >>> 10) & 7, imm);
  }

  /** The padding instruction of STALL rows: every field zero. */
  public static Instruction stall() {
    return new Instruction(Opcode.STALL, 0, 0, 0, 0);
  }
}

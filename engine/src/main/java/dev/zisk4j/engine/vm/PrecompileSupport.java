package dev.zisk4j.engine.vm;

/**
 * Which AIR layout a program needs (PRECOMPILES.md §3): a program that contains a POSEIDON instruction
 * is proved with the VM AIR's precompile variant (four more main columns, two more aux columns, the
 * Poseidon bus) beside Poseidon instances; every other program keeps the plain layout, so its AIR,
 * verifying key and proofs are exactly those of before the precompile.
 */
public final class PrecompileSupport {
  private PrecompileSupport() {}

  /** True if any instruction of the program is POSEIDON (whether or not a run reaches it). */
  public static boolean usesPoseidon(ProgramImage image) {
    for (Instruction insn : image.code()) {
      if (insn.op() == Opcode.POSEIDON) {
        return true;
      }
    }
    return false;
  }
}

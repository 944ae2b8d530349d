package dev.zisk4j.engine.vm;

/**
 * Which precompile instructions can be proved yet (PRECOMPILES.md §2–§7). Executing POSEIDON works;
 * proving it needs the Poseidon AIR instance and its bus, which are designed but not built, so the
 * proving path refuses such programs loudly instead of producing a trace the VM AIR cannot describe.
 */
public final class PrecompileSupport {
  private PrecompileSupport() {}

  /** The message naming what is missing to prove op. */
  public static String missing(Opcode op) {
    return op.mnemonic().toUpperCase(java.util.Locale.ROOT) + " cannot be proved yet: the Poseidon precompile AIR"
        + " instance and its LogUp bus (engine/PRECOMPILES.md §2-§7) are not built; execute works";
  }

  /**
   * Refuses an image the VM AIR cannot prove.
   *
   * @throws UnsupportedOperationException naming the first unprovable instruction and what is missing
   */
  public static void requireProvable(ProgramImage image) {
    var code = image.code();
    for (int pc = 0; pc < code.size(); pc++) {
      Opcode op = code.get(pc).op();
      if (!op.inVmAir()) {
        throw new UnsupportedOperationException(missing(op) + " (pc=" + pc + ")");
      }
    }
  }
}

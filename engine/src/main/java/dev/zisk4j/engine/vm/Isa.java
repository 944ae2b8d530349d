package dev.zisk4j.engine.vm;

import dev.zisk4j.engine.field.Goldilocks;

/** Constants of the VM's instruction set that are not per-opcode (engine.md §2.1). */
public final class Isa {
  /** The field modulus the machine computes in (Goldilocks). */
  public static final long P = Goldilocks.P;

  /** LT's range: a difference below 2^32 counts as "small". */
  public static final long LT_RANGE = 1L << 32;

  /** Cycles and memory accesses of one POSEIDON: one trace row per word read or written (PRECOMPILES.md §1). */
  public static final int POSEIDON_CYCLES = 24;

  private Isa() {}

  /** True if v, read as unsigned, is a canonical field element. */
  public static boolean isCanonical(long v) {
    return Goldilocks.isCanonical(v);
  }
}

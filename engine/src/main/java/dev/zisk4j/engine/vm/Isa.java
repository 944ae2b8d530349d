package dev.zisk4j.engine.vm;

/**
 * Constants of the VM's instruction set that are not per-opcode (engine.md §2.1).
 *
 * <p>The machine computes over the Goldilocks field; {@link #P} is restated here only so that the
 * ISA's own validation (canonical immediates) needs no field arithmetic.
 */
public final class Isa {
  /** The Goldilocks prime 2^64 − 2^32 + 1, read as unsigned. */
  public static final long P = 0xFFFF_FFFF_0000_0001L;

  /** LT's range: a difference below 2^32 counts as "small". */
  public static final long LT_RANGE = 1L << 32;

  private Isa() {}

  /** True if v, read as unsigned, is a canonical field element. */
  public static boolean isCanonical(long v) {
    return Long.compareUnsigned(v, P) < 0;
  }
}

package dev.zisk4j.engine.vm;

/**
 * How far one {@link Executor#run} call may go: at most {@code maxCycles} cycles and at most
 * {@code maxMemoryAccesses} LOAD/STORE cycles (a segment holds N−1 cycles and N−M−1 accesses).
 */
public record RunLimits(long maxCycles, long maxMemoryAccesses) {
  /** @throws IllegalArgumentException if a limit is negative */
  public RunLimits {
    if (maxCycles < 0 || maxMemoryAccesses < 0) {
      throw new IllegalArgumentException(
          "limits must be non-negative: maxCycles=" + maxCycles + ", maxMemoryAccesses=" + maxMemoryAccesses);
    }
  }

  /** Limits that only bound the cycle count. */
  public static RunLimits cycles(long maxCycles) {
    return new RunLimits(maxCycles, Long.MAX_VALUE);
  }

  /** The limits of one segment of 2^logN rows and M RAM words (engine.md §5.1). */
  public static RunLimits segment(int rows, int memoryWords) {
    return new RunLimits(rows - 1L, (long) rows - memoryWords - 1);
  }
}

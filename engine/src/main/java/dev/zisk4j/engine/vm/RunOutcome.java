package dev.zisk4j.engine.vm;

/**
 * How an {@link Executor#run} call ended. {@code fault} is non-null only for {@link Stop#FAULT}.
 *
 * @param stop why the run stopped
 * @param cycles cycles executed by this call
 * @param memoryAccesses memory accesses of this call (one per LOAD/STORE, 24 per POSEIDON)
 * @param permutations POSEIDON instructions executed by this call
 * @param fault the guest fault, or null
 */
public record RunOutcome(Stop stop, long cycles, long memoryAccesses, long permutations, Fault fault) {
  /** Why a run stopped. */
  public enum Stop {
    /** The guest executed HALT; the state's pc points at the HALT. */
    HALTED,
    /** The cycle limit was reached before the next instruction. */
    CYCLE_LIMIT,
    /** The next instruction accesses memory and the access limit was reached. */
    ACCESS_LIMIT,
    /** The guest faulted; there is no proof for this run. */
    FAULT
  }

  /** True if the guest halted. */
  public boolean halted() {
    return stop == Stop.HALTED;
  }
}

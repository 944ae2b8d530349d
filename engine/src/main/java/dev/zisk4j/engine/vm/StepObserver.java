package dev.zisk4j.engine.vm;

/**
 * Sees each cycle before its effects are applied, i.e. with {@link VmState} still holding the
 * state "before" (the trace's row layout). Called on the executor's thread; must not modify state.
 */
@FunctionalInterface
public interface StepObserver {
  /**
   * One executed cycle.
   *
   * @param state the state before the cycle
   * @param insn the instruction at {@code state.pc()}
   * @param res the result (the written value, the read input word, the branch condition, the
   *     stored value for STORE) as the AIR's {@code res} column defines it
   * @param memAddress the RAM address for LOAD/STORE, else 0
   */
  void onStep(VmState state, Instruction insn, long res, long memAddress);
}

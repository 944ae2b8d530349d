package dev.zisk4j.engine.vm;

/**
 * The main trace of one segment plus what the statement needs from its execution.
 *
 * @param main 72 column-major columns of {@code rows} canonical cells ({@link TraceLayout})
 * @param start the state before the segment's first cycle (a copy)
 * @param end the state after its last cycle (row N−1); at HALT, pc points at the HALT
 * @param inputRead the tape values READ returned in this segment, in order
 * @param outputs the elements WRITE emitted in this segment, in order
 * @param outcome how the execution stopped (HALTED, or a limit when the run continues in the next
 *     segment)
 * @param permutations the input states (12 words each) of the segment's POSEIDON instructions, in
 *     order: its requests on the Poseidon bus (empty without POSEIDON)
 */
public record SegmentTrace(
    long[][] main, VmState start, VmState end, long[] inputRead, long[] outputs, RunOutcome outcome,
    java.util.List<long[]> permutations) {

  public SegmentTrace {
    permutations = java.util.List.copyOf(permutations);
  }

  /** Number of rows N. */
  public int rows() {
    return main[0].length;
  }
}

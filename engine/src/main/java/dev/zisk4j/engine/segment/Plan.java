package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.vm.Fault;
import java.util.List;

/**
 * The fast executor's result (engine.md §5.2 step 1): one checkpoint per segment, the outputs and the
 * step count, or the fault that means there is nothing to prove.
 *
 * @param fault null unless the guest faulted; {@code faultSegment} says in which segment
 */
public record Plan(List<Checkpoint> segments, long[] outputs, long steps, Fault fault, int faultSegment) {
  public Plan {
    segments = List.copyOf(segments);
    outputs = outputs.clone();
  }

  public boolean ok() {
    return fault == null;
  }

  @Override
  public long[] outputs() {
    return outputs.clone();
  }
}

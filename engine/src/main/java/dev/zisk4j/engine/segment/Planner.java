package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.InputTape;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.RecordingTape;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.RunOutcome;
import dev.zisk4j.engine.vm.VmState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a run into segments (engine.md §5.1): each holds at most N−1 cycles and N−M−1 memory
 * accesses, and the last ends at HALT. Runs the fast executor once, snapshotting the state at each
 * boundary. Stateless.
 */
public final class Planner {
  /** Refuses runs longer than this many segments (a guest that never halts). */
  private final int maxSegments;

  public Planner(int maxSegments) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be positive: maxSegments=" + maxSegments);
    }
    this.maxSegments = maxSegments;
  }

  /**
   * @throws MalformedImageException if the program does not fit the config (n > N−1, M > N/4)
   * @throws IllegalArgumentException if the config's RAM size is not the program's
   * @throws IllegalStateException if the guest does not halt within maxSegments segments
   * @throws IOException if the input tape fails
   */
  public Plan plan(ProgramImage image, VmConfig config, InputTape input) throws IOException, MalformedImageException {
    return plan(image, config, input, cp -> { });
  }

  /**
   * As {@link #plan(ProgramImage, VmConfig, InputTape)}, handing each segment's checkpoint to
   * {@code onSegment} as soon as it is cut (on this thread), so phase 1 can start while the guest
   * executes later input. A faulting segment is not handed over.
   */
  public Plan plan(ProgramImage image, VmConfig config, InputTape input, Consumer<Checkpoint> onSegment)
      throws IOException, MalformedImageException {
    if (config.logM() != image.logMemoryWords()) {
      throw new IllegalArgumentException("config RAM differs from the program's: config logM=" + config.logM()
          + ", program logM=" + image.logMemoryWords());
    }
    image.checkFits(config.rows());
    Executor ex = new Executor(image);
    VmState state = VmState.initial(image);
    RecordingTape tape = new RecordingTape(input);
    OutputTape out = new OutputTape();
    RunLimits limits = RunLimits.segment(config.rows(), config.memoryWords());
    List<Checkpoint> segments = new ArrayList<>();
    while (true) {
      VmState start = state.copy();
      RunOutcome o = ex.run(state, tape, out, limits, null);
      Checkpoint cp = new Checkpoint(segments.size(), start, tape.take());
      segments.add(cp);
      if (o.stop() != RunOutcome.Stop.FAULT) {
        onSegment.accept(cp);
      }
      switch (o.stop()) {
        case HALTED -> {
          return new Plan(segments, out.toArray(), state.cycles(), null, -1);
        }
        case FAULT -> {
          return new Plan(segments, out.toArray(), state.cycles(), o.fault(), segments.size() - 1);
        }
        default -> {
          if (segments.size() >= maxSegments) {
            throw new IllegalStateException("guest did not halt within maxSegments=" + maxSegments
                + " segments (" + state.cycles() + " steps)");
          }
        }
      }
    }
  }
}

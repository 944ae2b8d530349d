package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.SegmentTrace;
import dev.zisk4j.engine.vm.TraceBuilder;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * VM instructions per second on mix.zasm (one record of 4096 random words, ≈ 0.5 M steps): the fast
 * executor (planning path) against the trace builder (the same run filling 72 columns of 2^16 rows
 * per segment), reported as the {@code instructions} counter in ops/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ExecutorBench {
  ProgramImage mix;
  byte[] input;
  byte[] segmentInput;

  /** JMH counts these per second next to the score. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counters {
    public long instructions;

    @Setup(Level.Iteration)
    public void reset() {
      instructions = 0;
    }
  }

  @Setup
  public void setup() throws Exception {
    mix = GuestFiles.image("mix", 14);
    input = GuestFiles.randomRecord(4096, 1);
    // ≈ 115 steps per word: 500 words stay below one 2^16-row segment
    segmentInput = GuestFiles.randomRecord(500, 2);
  }

  @Benchmark
  public long executeFast(Counters c) throws Exception {
    VmState s = VmState.initial(mix);
    OutputTape out = new OutputTape();
    new Executor(mix).run(s, WordTape.ofBytes(input), out, RunLimits.cycles(Long.MAX_VALUE), null);
    c.instructions += s.cycles();
    return out.toArray()[0];
  }

  @Benchmark
  public long buildTrace2to16(Counters c) throws Exception {
    VmState s = VmState.initial(mix);
    SegmentTrace t = new TraceBuilder(mix).build(s, WordTape.ofBytes(segmentInput), 1 << 16);
    c.instructions += t.end().cycles();
    return t.main()[0][100];
  }
}

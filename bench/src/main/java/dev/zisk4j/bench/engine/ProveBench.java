package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end proving of one mix.zasm segment of 2^logRows rows (RAM 2^(logRows−2) words, blowup 8,
 * 30 queries, 16 grinding bits), and verification of that bundle. The {@code rows} counter gives
 * trace rows proven per second; the proof size is printed at setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class ProveBench {
  @Param({"16"})
  int logRows;

  ProgramImage mix;
  byte[] input;
  ProveOptions options;
  Workers workers;
  ZkVm vm;
  byte[] bundle;
  BundleVerifier verifier;

  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Rows {
    public long rows;

    @Setup(Level.Iteration)
    public void reset() {
      rows = 0;
    }
  }

  @Setup
  public void setup() throws Exception {
    mix = GuestFiles.image("mix", logRows - 2);
    // mix spends ~115 cycles per word: fill ~90% of the segment
    input = GuestFiles.randomRecord((int) (0.9 * (1 << logRows) / 115), 3);
    options = new ProveOptions(logRows, ProofOptions.DEFAULT, InputMode.PUBLIC, 1);
    workers = Workers.perCore();
    vm = new ZkVm(workers);
    ProofResult r = vm.prove(mix, input, options, ProgressListener.NONE);
    bundle = r.bundle();
    verifier = new BundleVerifier(workers);
    System.out.printf("%nproof size %d bytes, %d steps, %d segment(s)%n", bundle.length, r.steps(), r.segments());
  }

  @TearDown
  public void close() {
    workers.close();
  }

  @Benchmark
  public byte[] prove(Rows counter) throws Exception {
    ProofResult r = vm.prove(mix, input, options, ProgressListener.NONE);
    counter.rows += (long) r.segments() << logRows;
    return r.bundle();
  }

  /** Verification with a warm verifying-key cache (the design's "trusted cache" of vkRoot). */
  @Benchmark
  public BundleVerdict verify() {
    return verifier.verify(mix, bundle, ExpectedInput.of(input), VerifyPolicy.DEFAULT);
  }
}

package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.merkle.MerkleTree;
import dev.zisk4j.engine.merkle.RowSource;
import dev.zisk4j.engine.parallel.Workers;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/** SHA-256 Merkle commitment of a 2^16 × 80 trace (leaves are rows), on 1 thread and on all cores. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MerkleBench {
    @Param({"1", "2"})
    int threads;
    long[][] cols;
    Workers workers;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(2);
        cols = new long[80][1 << 16];
        for (long[] c : cols) {
            for (int i = 0; i < c.length; i++) {
                c[i] = Goldilocks.reduce64(r.nextLong());
            }
        }
        workers = Workers.of(threads);
    }

    @TearDown(Level.Trial)
    public void close() {
        workers.close();
    }

    @Benchmark
    public byte[] commit2to16x80() {
        return MerkleTree.build(RowSource.columns(cols), 1 << 16, workers).root();
    }
}

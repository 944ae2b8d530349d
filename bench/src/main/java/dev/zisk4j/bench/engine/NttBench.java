package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.poly.Lde;
import dev.zisk4j.engine.poly.Ntt;
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

/** One forward NTT of 2^logN points (single thread), and the blowup-8 LDE of 8 columns of 2^16 rows on all cores. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NttBench {
    @Param({"20"})
    int logN;
    Ntt ntt;
    long[] data;
    long[] work;
    long[][] columns;
    Workers workers;

    @Setup
    public void setup() {
        ntt = new Ntt(Math.max(logN, 19));
        SplittableRandom r = new SplittableRandom(1);
        data = new long[1 << logN];
        for (int i = 0; i < data.length; i++) {
            data[i] = Goldilocks.reduce64(r.nextLong());
        }
        work = new long[data.length];
        columns = new long[8][1 << 16];
        for (long[] c : columns) {
            for (int i = 0; i < c.length; i++) {
                c[i] = Goldilocks.reduce64(r.nextLong());
            }
        }
        workers = Workers.perCore();
        twiddles = BranchyDif.twiddles(16);
    }

    long[] twiddles;

    @TearDown(Level.Trial)
    public void close() {
        workers.close();
    }

    @Benchmark
    public long[] forward() {
        System.arraycopy(data, 0, work, 0, data.length);
        ntt.forward(work);
        return work;
    }

    /** A size-2^16 DIF transform with the library's branch-free field ops. */
    @Benchmark
    public long[] dif2to16() {
        long[] a = columns[1].clone();
        ntt.forwardBitReversedOut(a);
        return a;
    }

    /** Baseline: the same DIF loop with the design's branchy add/sub/reduce (branches on the carries). */
    @Benchmark
    public long[] dif2to16BranchyBaseline() {
        long[] a = columns[1].clone();
        BranchyDif.transform(a, twiddles);
        return a;
    }

    @Benchmark
    public Lde.Extended lde8Columns2to16() {
        return Lde.extend(ntt, workers, columns, 3);
    }

    /** One column's LDE (2^16 → 2^19) the production way: iNTT, then 8 coset NTTs of 2^16 scattered. */
    @Benchmark
    public long[] ldeColumnCosets() {
        long[] c = columns[0].clone();
        ntt.inverseNatural(c);
        return Lde.evaluateOnCosets(ntt, c, 3);
    }

    /** Baseline: the design's way, iNTT then one zero-padded NTT of 2^19 with a bit-reversal pass. */
    @Benchmark
    public long[] ldeColumnOneBigNttBaseline() {
        long[] c = columns[0].clone();
        ntt.inverse(c);
        return Lde.evaluateOnCoset(ntt, c, 1 << 19);
    }
}

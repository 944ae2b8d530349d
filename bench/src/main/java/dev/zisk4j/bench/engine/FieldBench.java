package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goldilocks multiplication: a dependent chain of 1024 products (latency-bound, like Horner), the same
 * chain through BigInteger as the baseline, and quadratic and cubic extension multiplication (ExtField's component helpers).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldBench {
    static final int OPS = 1024;
    long a;
    long b;
    BigInteger bigA;
    BigInteger bigB;
    static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    long[] xs = new long[OPS];
    long[] ys = new long[OPS];
    long[] out = new long[OPS];

    @Setup
    public void setup() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < OPS; i++) {
            xs[i] = Goldilocks.reduce64(r.nextLong());
            ys[i] = Goldilocks.reduce64(r.nextLong());
        }
        a = 0x1234_5678_9ABC_DEF0L % Goldilocks.P;
        b = Goldilocks.reduce64(0xFEDC_BA98_7654_3210L);
        bigA = new BigInteger(Long.toUnsignedString(a));
        bigB = new BigInteger(Long.toUnsignedString(b));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long mul() {
        long x = a;
        for (int i = 0; i < OPS; i++) {
            x = Goldilocks.mul(x, b);
        }
        return x;
    }

    /** Independent products over an array (throughput-bound, like an NTT stage). */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long[] mulArray() {
        for (int i = 0; i < OPS; i++) {
            out[i] = Goldilocks.mul(xs[i], ys[i]);
        }
        return out;
    }

    /** Independent additions over an array. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long[] addArray() {
        for (int i = 0; i < OPS; i++) {
            out[i] = Goldilocks.add(xs[i], ys[i]);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public BigInteger mulBigIntegerBaseline() {
        BigInteger x = bigA;
        for (int i = 0; i < OPS; i++) {
            x = x.multiply(bigB).mod(P);
        }
        return x;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long extMul() {
        long x0 = a;
        long x1 = b;
        for (int i = 0; i < OPS; i++) {
            long t = ExtField.mul2c0(x0, x1, b, a);
            x1 = ExtField.mul2c1(x0, x1, b, a);
            x0 = t;
        }
        return x0 ^ x1;
    }

    /** A dependent chain of cubic multiplications x ← x·(b + a·X + b·X²) in F_p[X]/(X³ − 7). */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long ext3Mul() {
        long x0 = a;
        long x1 = b;
        long x2 = a;
        for (int i = 0; i < OPS; i++) {
            long t0 = ExtField.mul3c0(x0, x1, x2, b, a, b);
            long t1 = ExtField.mul3c1(x0, x1, x2, b, a, b);
            x2 = ExtField.mul3c2(x0, x1, x2, b, a, b);
            x0 = t0;
            x1 = t1;
        }
        return x0 ^ x1 ^ x2;
    }
}

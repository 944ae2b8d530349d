package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;
import dev.zisk4j.engine.hash.Sha256;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The zkEVM Goldilocks Poseidon permutation, native: a dependent chain of permutations (each output is the next
 * input, so this is latency, the way a guest or a Merkle path uses it). Baselines in the same run: the textbook
 * round function (one reduced multiplication per MDS entry) and one SHA-256 Merkle node (64 bytes), the engine's
 * other hash, for the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoseidonBench {
    final Poseidon poseidon = new Poseidon();
    final Sha256 sha = new Sha256();
    final long[] state = new long[12];
    final long[] tmp = new long[12];
    final byte[] nodes = new byte[96];

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 12; i++) {
            state[i] = Goldilocks.reduce64(r.nextLong());
        }
        r.nextBytes(nodes);
    }

    @Benchmark
    public long permute() {
        poseidon.permute(state, 0);
        return state[0];
    }

    /** Baseline: the same permutation with a reduced multiplication per MDS entry. */
    @Benchmark
    public long permuteTextbook() {
        long[] s = state;
        for (int r = 0; r < Poseidon.ROUNDS; r++) {
            boolean full = Poseidon.isFullRound(r);
            for (int i = 0; i < 12; i++) {
                long v = Goldilocks.add(s[i], Poseidon.roundConstant(r, i));
                s[i] = full || i == 0 ? Poseidon.sbox(v) : v;
            }
            for (int i = 0; i < 12; i++) {
                long acc = 0;
                for (int j = 0; j < 12; j++) {
                    acc = Goldilocks.add(acc, Goldilocks.mul(Poseidon.mdsEntry(i, j), s[j]));
                }
                tmp[i] = acc;
            }
            System.arraycopy(tmp, 0, s, 0, 12);
        }
        return s[0];
    }

    /** Reference: one SHA-256 Merkle node (0x01 ‖ 32 ‖ 32 bytes), chained. */
    @Benchmark
    public byte sha256Node() {
        sha.node(nodes, 0, 32, nodes, 64);
        System.arraycopy(nodes, 64, nodes, 0, 32);
        return nodes[0];
    }
}

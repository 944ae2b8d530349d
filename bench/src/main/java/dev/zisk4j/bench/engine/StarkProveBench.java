package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.air.toy.WideAir;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.stark.StarkProof;
import dev.zisk4j.engine.stark.StarkProofFormat;
import dev.zisk4j.engine.stark.StarkProver;
import dev.zisk4j.engine.stark.StarkVerifier;
import dev.zisk4j.engine.stark.VerificationResult;
import dev.zisk4j.engine.stark.VerifyingKey;
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

/**
 * End-to-end STARK proving and verification of the VM-sized synthetic {@link WideAir} (72 main + 5 pre +
 * 10 ext aux columns, degree 3, default options) on all cores. rows/s = 2^logN / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class StarkProveBench {
    @Param({"12", "16"})
    int logN;
    WideAir air;
    long[][] trace;
    long[] publics;
    Workers workers;
    StarkProver prover;
    VerifyingKey vk;
    byte[] proof;

    @Setup
    public void setup() {
        air = new WideAir();
        trace = WideAir.trace(1 << logN, 1);
        publics = new long[] {trace[0][trace[0].length - 1]};
        workers = Workers.perCore();
        prover = new StarkProver(ProofOptions.DEFAULT, workers);
        vk = VerifyingKey.of(air, logN, ProofOptions.DEFAULT, workers);
        proof = StarkProofFormat.encode(prover.prove(air, trace, publics));
    }

    @TearDown(Level.Trial)
    public void close() {
        workers.close();
    }

    @Benchmark
    public StarkProof prove() {
        return prover.prove(air, trace, publics);
    }

    @Benchmark
    @Warmup(iterations = 10)
    @Measurement(iterations = 20)
    public VerificationResult verify() {
        return new StarkVerifier().verify(vk, proof, publics);
    }
}

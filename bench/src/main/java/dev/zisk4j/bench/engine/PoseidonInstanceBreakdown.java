package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.precompile.PoseidonAir;
import dev.zisk4j.engine.precompile.PoseidonTrace;
import dev.zisk4j.engine.stark.MainCommitment;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.stark.StarkProofFormat;
import dev.zisk4j.engine.stark.StarkProver;
import dev.zisk4j.engine.stark.StarkVerifier;
import dev.zisk4j.engine.stark.VerifyingKey;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Benchmark command: one Poseidon AIR instance of 2^logN rows (2^logN − 1 permutations), proved two-phase
 * (trace, commit, challenges from a transcript binding the main root, phase 2) {@code runs} times after
 * {@code warmups}, beside the same permutations computed natively in the same process. Prints proven and
 * native permutations/s, their ratio, cells per permutation, proof size and verify time. Usage:
 * {@code bin/bench --main dev.zisk4j.bench.engine.PoseidonInstanceBreakdown [logN] [warmups] [runs]}.
 */
public final class PoseidonInstanceBreakdown {
  private PoseidonInstanceBreakdown() {}

  public static void main(String[] args) {
    int logN = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int rows = 1 << logN;
    int perms = rows - 1;
    SplittableRandom rnd = new SplittableRandom(1);
    long[][] in = new long[perms][Poseidon.WIDTH];
    for (long[] s : in) {
      for (int i = 0; i < s.length; i++) {
        s[i] = Goldilocks.reduce64(rnd.nextLong());
      }
    }
    long[] mult = new long[perms];
    java.util.Arrays.fill(mult, 1);
    PoseidonAir air = new PoseidonAir();
    ExtField f = ProofOptions.DEFAULT.extension();
    try (Workers w = Workers.perCore()) {
      StarkProver prover = new StarkProver(ProofOptions.DEFAULT, w);
      byte[] proof = null;
      MainCommitment mc = null;
      Challenges ch = null;
      PublicValues pub = null;
      byte[] seed = null;
      long t0 = 0;
      for (int i = 0; i < warmups + runs; i++) {
        if (i == warmups) {
          t0 = System.nanoTime();
        }
        long[][] trace = PoseidonTrace.build(in, mult, rows);
        mc = prover.commitMain(air, trace);
        Transcript global = Transcript.create(Transcript.LABEL_GLOBAL);
        global.absorb(TranscriptTag.MAIN_ROOT, mc.mainRoot());
        ch = Challenges.of(f, List.of(global.squeezeExt(f), global.squeezeExt(f)));
        seed = global.squeeze();
        Ext sum = PoseidonAir.busSum(trace, ch);
        pub = new PublicValues(new long[0], f.flatten(sum));
        proof = StarkProofFormat.encode(prover.provePhase2(mc, ch, pub, segment(seed)));
      }
      double proveS = (System.nanoTime() - t0) / 1e9 / runs;

      Poseidon p = new Poseidon();
      long[] s = new long[Poseidon.WIDTH];
      long nativePerms = 0;
      long n0 = System.nanoTime();
      while (System.nanoTime() - n0 < 1_000_000_000L) {
        for (long[] st : in) {
          System.arraycopy(st, 0, s, 0, Poseidon.WIDTH);
          p.permute(s);
        }
        nativePerms += perms;
      }
      double nativeRate = nativePerms / ((System.nanoTime() - n0) / 1e9);

      VerifyingKey vk = VerifyingKey.of(air, logN, ProofOptions.DEFAULT, w);
      StarkVerifier v = new StarkVerifier();
      boolean ok = false;
      int vr = 20;
      long v0 = System.nanoTime();
      for (int i = 0; i < vr; i++) {
        ok = v.verifyPhase2(vk, proof, mc.mainRoot(), ch, pub, segment(seed)).accepted();
      }
      double verifyMs = (System.nanoTime() - v0) / 1e6 / vr;
      double proven = perms / proveS;
      System.out.printf("poseidon instance 2^%d rows, %d permutations, %d main cells per permutation (+%d aux base)%n",
          logN, perms, PoseidonAir.MAIN_COLUMNS, f.degree());
      System.out.printf("prove (trace+commit+phase 2) %.1f ms -> %.0f proven permutations/s%n", proveS * 1e3, proven);
      System.out.printf("native %.0f permutations/s; native/proven = %.0fx%n", nativeRate, nativeRate / proven);
      System.out.printf("proof %d bytes, verify %.2f ms (accepted=%b), threads=%d%n", proof.length, verifyMs, ok,
          Runtime.getRuntime().availableProcessors());
    }
  }

  private static Transcript segment(byte[] seed) {
    Transcript t = Transcript.create(Transcript.LABEL_SEGMENT);
    t.absorb(TranscriptTag.GLOBAL_SEED, seed);
    return t;
  }
}

package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.SecurityProfile;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;

/**
 * Benchmark command (not JMH): proves the same mix.zasm segment of 2^logRows rows under every security
 * profile (conjectured-100, the default, and proven-100, the cubic extension), interleaved run by run in
 * one process, and prints per profile the mean prove time, proof size, mean verify time (warm verifying
 * key) and the proven/conjectured bits the verifier reports, with each figure's ratio to the default.
 * Usage: {@code bin/bench --main dev.zisk4j.bench.engine.ProfileComparison [logRows] [warmup] [runs]}.
 */
public final class ProfileComparison {
  private static final int VERIFY_REPEATS = 20;

  private ProfileComparison() {}

  public static void main(String[] args) throws Exception {
    int logRows = args.length > 0 ? Integer.parseInt(args[0]) : 14;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    ProgramImage mix = GuestFiles.image("mix", logRows - 2);
    byte[] input = GuestFiles.randomRecord((int) (0.9 * (1 << logRows) / 115), 3);
    SecurityProfile[] profiles = SecurityProfile.values();
    double[] proveMs = new double[profiles.length];
    double[] verifyMs = new double[profiles.length];
    int[] size = new int[profiles.length];
    BundleVerdict[] verdicts = new BundleVerdict[profiles.length];
    try (Workers workers = Workers.perCore()) {
      ZkVm vm = new ZkVm(workers);
      BundleVerifier verifier = new BundleVerifier(workers);
      for (int i = 0; i < warmup + runs; i++) {
        for (int p = 0; p < profiles.length; p++) {
          ProveOptions o = new ProveOptions(logRows, profiles[p].options(), InputMode.PUBLIC, 1);
          long t0 = System.nanoTime();
          ProofResult r = vm.prove(mix, input, o, ProgressListener.NONE);
          long t1 = System.nanoTime();
          if (r.segments() != 1) {
            throw new IllegalStateException("workload must be one segment: segments=" + r.segments());
          }
          BundleVerdict v = null;
          long t2 = System.nanoTime();
          for (int k = 0; k < VERIFY_REPEATS; k++) {
            v = verifier.verify(mix, r.bundle(), ExpectedInput.of(input), VerifyPolicy.DEFAULT);
          }
          long t3 = System.nanoTime();
          if (!v.accepted()) {
            throw new IllegalStateException(profiles[p] + " proof rejected: " + v);
          }
          if (i >= warmup) {
            proveMs[p] += (t1 - t0) / 1e6 / runs;
            verifyMs[p] += (t3 - t2) / 1e6 / VERIFY_REPEATS / runs;
            size[p] = r.bundle().length;
            verdicts[p] = v;
          }
        }
      }
    }
    System.out.printf("mix.zasm, one segment of 2^%d rows, %d cores, %d runs after %d warm-up (interleaved), verify = "
        + "mean of %d with a warm key%n", logRows, Runtime.getRuntime().availableProcessors(), runs, warmup, VERIFY_REPEATS);
    System.out.printf("  %-16s %-28s %11s %7s %11s %7s %10s %7s  %s%n", "profile", "options", "prove ms", "ratio",
        "proof B", "ratio", "verify ms", "ratio", "bits (conjectured / proven / unique)");
    for (int p = 0; p < profiles.length; p++) {
      var o = profiles[p].options();
      var s = verdicts[p].security().orElseThrow();
      System.out.printf("  %-16s %-28s %11.1f %6.2fx %11d %6.2fx %10.2f %6.2fx  %d / %d / %d%n", profiles[p],
          "ext " + o.extensionDegree() + ", b " + o.blowup() + ", q " + o.numQueries() + ", g " + o.grindingBits(),
          proveMs[p], proveMs[p] / proveMs[0], size[p], (double) size[p] / size[0], verifyMs[p], verifyMs[p] / verifyMs[0],
          s.conjectured(), s.proven(), s.uniqueDecoding());
    }
  }
}

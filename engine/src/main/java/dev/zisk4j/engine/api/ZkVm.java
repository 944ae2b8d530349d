package dev.zisk4j.engine.api;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.Aggregator;
import dev.zisk4j.engine.segment.Bundle;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.Checkpoint;
import dev.zisk4j.engine.segment.GlobalChallenges;
import dev.zisk4j.engine.segment.Plan;
import dev.zisk4j.engine.segment.Planner;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.Statement;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vmair.InputMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's entry points: {@link #prove} a program on an input, {@link #verify} a bundle. Runs
 * the three phases of engine.md §5.2 in one process (plan, commit every segment, global challenges,
 * prove every segment, aggregate and self-check). Thread-safe; uses the given workers.
 */
public final class ZkVm {
  private final Workers workers;

  public ZkVm(Workers workers) {
    this.workers = workers;
  }

  /**
   * Proves that the program, run on {@code input}, halts with the returned outputs.
   *
   * @throws GuestFaultException if the guest faults (no proof; names segment and pc)
   * @throws MalformedImageException if the program does not fit the config
   * @throws IllegalStateException if the guest does not halt within {@code maxSegments}
   */
  public ProofResult prove(ProgramImage image, byte[] input, ProveOptions options, ProgressListener progress)
      throws GuestFaultException, MalformedImageException {
    long t0 = System.nanoTime();
    progress.onProgress("execute", 0);
    Plan plan;
    try {
      plan = new Planner(options.maxSegments()).plan(image, options.config(), WordTape.ofBytes(input));
    } catch (IOException e) {
      throw new IllegalStateException("in-memory input failed", e);
    }
    if (!plan.ok()) {
      throw new GuestFaultException(plan.fault(), plan.faultSegment());
    }
    int k = plan.segments().size();
    double[] done = {0};
    SegmentProver prover = new SegmentProver(image, options.config(), options.inputMode(), workers, phase -> { });
    boolean pub = options.inputMode() == InputMode.PUBLIC;
    Statement st = new Statement(image.imageId(), prover.verifyingKey().preRoot(),
        pub ? Statement.digest(input) : new byte[32], pub ? Statement.words(input.length) : 0,
        options.inputMode(), plan.outputs());
    Aggregator agg = new Aggregator(options.config(), st, k);
    List<SegmentProver.Committed> committed = new ArrayList<>();
    for (Checkpoint cp : plan.segments()) {
      progress.onProgress("commit segment " + cp.segIdx(), 0.05 + 0.35 * cp.segIdx() / k);
      SegmentProver.Committed c = prover.commit(cp);
      agg.accept(c.commitment());
      committed.add(c);
    }
    progress.onProgress("global challenges", 0.4);
    GlobalChallenges g = agg.challenges();
    List<SegmentProof> proofs = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      progress.onProgress("prove segment " + i, 0.4 + 0.55 * i / k);
      proofs.add(prover.prove(committed.get(i), g));
      committed.set(i, null);
    }
    progress.onProgress("aggregate", 0.95);
    Bundle bundle = agg.aggregate(proofs);
    byte[] bytes = bundle.encode();
    BundleVerdict self = new BundleVerifier(0, workers).verify(image, bundle, pub ? input : null);
    if (!self.accepted()) {
      throw new IllegalStateException("the bundle fails its own check (a bug): " + self);
    }
    progress.onProgress("done", 1);
    return new ProofResult(bytes, plan.outputs(), plan.steps(), k, System.nanoTime() - t0);
  }

  /**
   * Verifies a bundle for a program.
   *
   * @param input the input bytes for a public-input bundle, null for a private-input one
   * @param minSecurityBits the least conjectured security accepted (100 is the engine's default)
   */
  public BundleVerdict verify(ProgramImage image, byte[] bundle, byte[] input, int minSecurityBits) {
    return new BundleVerifier(minSecurityBits, workers).verify(image, bundle, input);
  }
}

package dev.zisk4j.engine.api;

import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.Aggregator;
import dev.zisk4j.engine.segment.Bundle;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.Checkpoint;
import dev.zisk4j.engine.segment.GlobalChallenges;
import dev.zisk4j.engine.segment.InstancePlan;
import dev.zisk4j.engine.segment.InstanceProof;
import dev.zisk4j.engine.segment.PoseidonInstanceProver;
import dev.zisk4j.engine.segment.Plan;
import dev.zisk4j.engine.segment.Planner;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.Statement;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vm.InputTape;
import dev.zisk4j.engine.vm.ReaderTape;
import dev.zisk4j.engine.segment.InputView;
import dev.zisk4j.io.InputReader;
import dev.zisk4j.engine.vmair.InputMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import dev.zisk4j.engine.segment.SegmentCommitment;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.segment.VerifyingKeys;
import dev.zisk4j.engine.segment.VmConfig;

/**
 * The engine's entry points: {@link #prove} a program on an input, {@link #verify} a bundle. Runs
 * the three phases of engine.md §5.2 in one process (plan, commit every segment, global challenges,
 * prove every segment, aggregate and self-check). Thread-safe; uses the given workers.
 */
public final class ZkVm {
  private final Workers workers;
  /** Segment provers by program, config and mode. */
  private final Map<ProverKey, SegmentProver> provers = new ConcurrentHashMap<>();
  /** Verifying keys, shared by the provers and the verifiers, so each is computed once. */
  private final VerifyingKeys keys;
  private final BundleVerifier verifier;

  private record ProverKey(String imageId, VmConfig config, InputMode mode) {}

  /** Negative: keep phase-1 results by heap budget; otherwise keep exactly this many (tests). */
  private final int keepOverride;

  public ZkVm(Workers workers) {
    this(workers, -1);
  }

  ZkVm(Workers workers, int keepOverride) {
    this.workers = workers;
    this.keys = new VerifyingKeys(workers);
    this.verifier = new BundleVerifier(keys);
    this.keepOverride = keepOverride;
  }

  /**
   * Proves that the program, run on {@code input}, halts with the returned outputs.
   *
   * @throws GuestFaultException if the guest faults (no proof; names segment and pc)
   * @throws MalformedImageException if the program does not fit the segments (n > N−1, M > N/4)
   * @throws IllegalArgumentException if the options are outside what the engine supports
   * @throws IllegalStateException if the guest does not halt within {@code maxSegments}
   */
  public ProofResult prove(ProgramImage image, byte[] input, ProveOptions options, ProgressListener progress)
      throws GuestFaultException, MalformedImageException {
    long t0 = System.nanoTime();
    checkFits(image, options);
    try {
      Plan plan = plan(image, WordTape.ofBytes(input), options, progress, cp -> { });
      return prove(image, plan, Statement.digest(input), Statement.words(input.length), InputView.ofBytes(input),
          options, progress, t0, null);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory input failed", e);
    }
  }

  /**
   * Proves a run whose input arrives live (e.g. from a {@code ZiskStream}): the guest executes as the
   * words arrive, a READ past the data received so far waits, and the end of input is the producer
   * closing. The input is hashed as it streams, not kept.
   *
   * @throws IOException if the input stream fails
   * @throws GuestFaultException if the guest faults
   * @throws MalformedImageException if the program does not fit the config
   */
  public ProofResult prove(ProgramImage image, InputReader input, ProveOptions options, ProgressListener progress)
      throws IOException, GuestFaultException, MalformedImageException {
    long t0 = System.nanoTime();
    checkFits(image, options);
    ReaderTape tape = new ReaderTape(input);
    SegmentProver prover = proverFor(image, options);
    int keep = keep(image, options);
    // Phase 1 of each segment runs on its own thread as soon as the planner has cut it, while the
    // guest goes on executing the input that is still arriving.
    ExecutorService committer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "zkvm-phase1");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Phase1>> early = new ArrayList<>();
      Consumer<String> phases = phase -> progress.onProgress(phase, 0.05);
      Plan plan = plan(image, tape, options, progress,
          cp -> early.add(committer.submit(() -> Phase1.of(prover.commit(cp, phases), keep))));
      tape.drain();
      byte[] digest = tape.digest();
      return prove(image, plan, digest, tape.words(), InputView.ofPlan(digest, tape.words(), plan.segments()), options,
          progress, t0, early);
    } finally {
      committer.shutdownNow();
    }
  }

  /** The program's own limits against the segment size, before any config is built (clearer messages). */
  private static void checkFits(ProgramImage image, ProveOptions options) throws MalformedImageException {
    if (options.logRows() >= 1 && options.logRows() < 31) {
      image.checkFits(1 << options.logRows());
    }
  }

  /** Phase 1's result as kept between the phases: the commitment, and the LDE if within budget. */
  private record Phase1(SegmentCommitment commitment, SegmentProver.Committed kept, List<long[]> permutations) {
    static Phase1 of(SegmentProver.Committed c, int keep) {
      return new Phase1(c.commitment(), c.checkpoint().segIdx() < keep ? c : null, c.trace().permutations());
    }
  }

  private SegmentProver proverFor(ProgramImage image, ProveOptions options) {
    VmConfig config = options.config(image);
    return provers.computeIfAbsent(new ProverKey(HexFormat.of().formatHex(image.imageId()), config, options.inputMode()),
        key -> new SegmentProver(image, config, options.inputMode(), keys));
  }

  private int keep(ProgramImage image, ProveOptions options) {
    return keepOverride >= 0 ? keepOverride : segmentsToKeep(options.config(image));
  }

  private static Plan plan(ProgramImage image, InputTape tape, ProveOptions options, ProgressListener progress,
      Consumer<Checkpoint> onSegment) throws IOException, GuestFaultException, MalformedImageException {
    progress.onProgress("execute", 0);
    Plan plan = new Planner(options.maxSegments()).plan(image, options.config(image), tape, onSegment);
    if (!plan.ok()) {
      throw new GuestFaultException(plan.fault(), plan.faultSegment());
    }
    return plan;
  }

  /** Phases 1 (unless {@code early} holds it), 2 and aggregation of a planned run. */
  private ProofResult prove(ProgramImage image, Plan plan, byte[] inputDigest, long inputWords, InputView view,
      ProveOptions options, ProgressListener progress, long t0, List<Future<Phase1>> early) {
    int k = plan.segments().size();
    double[] done = {0.05};
    progress.onProgress("verifying key", 0.02);
    SegmentProver prover = proverFor(image, options);
    Consumer<String> phases = phase -> progress.onProgress(phase, done[0]);
    boolean pub = options.inputMode() == InputMode.PUBLIC;
    Statement st = new Statement(image.imageId(), prover.verifyingKey().preRoot(),
        pub ? inputDigest : new byte[32], pub ? inputWords : 0, options.inputMode(), plan.outputs());
    VmConfig config = options.config(image);
    // the Poseidon instances need every segment's requests, so the aggregator is made after phase 1
    List<SegmentCommitment> commitments = new ArrayList<>();
    List<long[]> requests = new ArrayList<>();
    // Phase 1 keeps its LDE and trees for phase 2 while they fit the budget; later segments are
    // recomputed in phase 2 (deterministic, engine.md §5.2 step 3), so memory stays bounded.
    int keep = keep(image, options);
    List<SegmentProver.Committed> committed = new ArrayList<>();
    for (Checkpoint cp : plan.segments()) {
      done[0] = 0.05 + 0.35 * cp.segIdx() / k;
      progress.onProgress("commit segment " + (cp.segIdx() + 1) + "/" + k, done[0]); // 1-based of k, as "segments: k" reports
      Phase1 p1 = early != null ? await(early.get(cp.segIdx())) : Phase1.of(prover.commit(cp, phases), keep);
      commitments.add(p1.commitment());
      requests.addAll(p1.permutations());
      committed.add(p1.kept());
    }
    List<PoseidonInstanceProver.Committed> instances = new ArrayList<>();
    PoseidonInstanceProver instanceProver = new PoseidonInstanceProver(config, workers);
    if (prover.usesPoseidon()) {
      List<InstancePlan> plans = InstancePlan.of(requests, config.logN());
      for (InstancePlan ip : plans) {
        progress.onProgress("commit Poseidon instance " + (ip.index() + 1) + "/" + plans.size(), 0.4);
        instances.add(instanceProver.commit(ip));
      }
    }
    Aggregator agg = new Aggregator(config, st, prover.airDigest(), k, prover.usesPoseidon() ? instances.size() : -1);
    commitments.forEach(agg::accept);
    instances.forEach(c -> agg.accept(c.commitment()));
    progress.onProgress("global challenges", 0.4);
    GlobalChallenges g = agg.challenges();
    List<SegmentProof> proofs = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      done[0] = 0.4 + 0.55 * i / k;
      progress.onProgress("prove segment " + (i + 1) + "/" + k, done[0]);
      SegmentProver.Committed c = committed.get(i);
      proofs.add(prover.prove(c != null ? c : prover.commit(plan.segments().get(i), phases), g, phases));
      committed.set(i, null);
    }
    List<InstanceProof> instanceProofs = new ArrayList<>();
    for (PoseidonInstanceProver.Committed c : instances) {
      progress.onProgress("prove Poseidon instance " + (c.plan().index() + 1) + "/" + instances.size(), 0.95);
      instanceProofs.add(instanceProver.prove(c, g, phases));
    }
    progress.onProgress("aggregate", 0.95);
    Bundle bundle = agg.aggregate(proofs, instanceProofs);
    // the prover chose its options itself, so its self-check accepts any config the engine supports
    BundleVerdict self = verifier.verify(image, bundle, pub ? ExpectedInput.of(view) : ExpectedInput.privateInput(),
        VerifyPolicy.ANY_SUPPORTED);
    if (!self.accepted()) {
      throw new IllegalStateException("the bundle fails its own check (a bug): " + self);
    }
    progress.onProgress("done", 1);
    return new ProofResult(bundle.encode(), plan.outputs(), plan.steps(), k, System.nanoTime() - t0,
        self.security().orElseThrow());
  }

  private static Phase1 await(Future<Phase1> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for phase 1", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("phase 1 failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * How many phase-1 results fit in a quarter of the heap: each holds the LDE of the 77 committed
   * columns (8 bytes × 77 × blowup·N) plus its Merkle tree (≈ 64 bytes × blowup·N). At least one.
   */
  static int segmentsToKeep(VmConfig config) {
    long lde = (long) config.rows() << config.logBlowup();
    long perSegment = lde * (8L * 77 + 64);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 4 / perSegment));
  }

  /**
   * Verifies a bundle for a program: the statement is fixed by the caller (program, RAM size, input
   * and its mode), the policy says which configs the caller accepts. Never throws on hostile bytes.
   *
   * @param input {@link ExpectedInput#of(byte[])} for a public-input statement, {@link
   *     ExpectedInput#privateInput()} for a private one
   * @param policy {@link VerifyPolicy#DEFAULT} unless the caller has reasons
   */
  public BundleVerdict verify(ProgramImage image, byte[] bundle, ExpectedInput input, VerifyPolicy policy) {
    return verifier.verify(image, bundle, input, policy);
  }
}

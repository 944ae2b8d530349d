package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.MainCommitment;
import dev.zisk4j.engine.stark.StarkProofFormat;
import dev.zisk4j.engine.stark.StarkProver;
import dev.zisk4j.engine.stark.VerifyingKey;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.SegmentTrace;
import dev.zisk4j.engine.vm.TraceBuilder;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Proves segments of one program (engine.md §5.2): phase 1 {@link #commit} (trace, LDE, Merkle →
 * SegPublic with main_root), phase 2 {@link #prove} (under the global challenges → SegmentProof).
 * The wire-friendly forms {@link #contribute(Checkpoint)} and {@link #prove(Checkpoint,
 * GlobalChallenges)} recompute phase 1, which is deterministic. Thread-safe.
 */
public final class SegmentProver {
  private final ProgramImage image;
  private final VmConfig config;
  private final InputMode mode;
  private final VmAir air;
  private final TraceBuilder traces;
  private final Workers workers;
  private final VerifyingKeys keys;

  /** Phase 1's result kept in memory for phase 2. */
  public record Committed(Checkpoint checkpoint, SegmentTrace trace, MainCommitment main, SegPublic segPublic) {
    public SegmentCommitment commitment() {
      return new SegmentCommitment(checkpoint.segIdx(), segPublic);
    }
  }

  /**
   * A prover with its own verifying-key cache.
   *
   * @throws IllegalArgumentException if the config's RAM size is not the program's
   */
  public SegmentProver(ProgramImage image, VmConfig config, InputMode mode, Workers workers) {
    this(image, config, mode, new VerifyingKeys(workers));
  }

  /**
   * A prover whose verifying key comes from (and lands in) a shared cache, e.g. the one its
   * self-checking verifier uses.
   *
   * @throws IllegalArgumentException if the config's RAM size is not the program's
   */
  public SegmentProver(ProgramImage image, VmConfig config, InputMode mode, VerifyingKeys keys) {
    if (config.logM() != image.logMemoryWords()) {
      throw new IllegalArgumentException("config RAM differs from the program's: config logM=" + config.logM()
          + ", program logM=" + image.logMemoryWords());
    }
    this.image = image;
    this.config = config;
    this.mode = mode;
    this.air = VmAir.of(image, mode);
    this.traces = new TraceBuilder(image);
    this.workers = keys.workers();
    this.keys = keys;
  }

  /** The digest of the VM AIR this prover proves (what the global transcript binds). */
  public byte[] airDigest() {
    return air.constraints().digest();
  }

  private StarkProver stark(Consumer<String> progress) {
    return new StarkProver(config.proofOptions(), workers, progress);
  }

  /** True if the program uses POSEIDON (the precompile variant: Poseidon instances go beside the segments). */
  public boolean usesPoseidon() {
    return air.usesPoseidon();
  }

  /** The verifying key (preprocessed root = vkRoot), computed once per cache. */
  public VerifyingKey verifyingKey() {
    return keys.of(image, config, mode);
  }

  /**
   * Phase 1.
   *
   * @throws IllegalStateException if the checkpoint's execution faults (the planner should have said)
   */
  public Committed commit(Checkpoint cp) {
    return commit(cp, phase -> { });
  }

  /** Phase 1, reporting phase names (trace, commit-main) to {@code progress}. */
  public Committed commit(Checkpoint cp, Consumer<String> progress) {
    SegmentTrace t;
    progress.accept("trace");
    try {
      t = traces.build(cp.start(), WordTape.ofWords(cp.input()), config.rows());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (t.outcome().fault() != null) {
      throw new IllegalStateException("segment " + cp.segIdx() + " faults: " + t.outcome().fault());
    }
    if (t.inputRead().length != cp.input().length) {
      throw new IllegalStateException("checkpoint input slice does not match the execution: segIdx=" + cp.segIdx()
          + ", read=" + t.inputRead().length + ", slice=" + cp.input().length);
    }
    MainCommitment mc = stark(progress).commitMain(air, t.main());
    SegPublic p = new SegPublic(t.start().pc(), VmAir.r1to7(t.start()), t.end().pc(), VmAir.r1to7(t.end()),
        t.start().inputPosition(), t.inputRead().length, t.start().outputPosition(), t.outputs().length, mc.mainRoot());
    return new Committed(cp, t, mc, p);
  }

  /** PARTIAL_CONTRIBUTION: phase 1 reduced to what crosses the network. */
  public SegmentCommitment contribute(Checkpoint cp) {
    return commit(cp).commitment();
  }

  /** PROVE from a checkpoint: recomputes phase 1, then phase 2. */
  public SegmentProof prove(Checkpoint cp, GlobalChallenges g) {
    return prove(commit(cp), g);
  }

  /**
   * Phase 2 under the global challenges.
   *
   * @throws dev.zisk4j.engine.stark.ProvingException if the trace does not satisfy the AIR (a bug)
   */
  public SegmentProof prove(Committed c, GlobalChallenges g) {
    return prove(c, g, phase -> { });
  }

  /** Phase 2, reporting phase names (fingerprints, aux, quotient, deep, fri, ...) to {@code progress}. */
  public SegmentProof prove(Committed c, GlobalChallenges g, Consumer<String> progress) {
    progress.accept("fingerprints");
    Challenges ch = g.asChallenges();
    long[][] main = c.trace().main();
    long[][] aux = air.buildAux(air.preprocessed(config.rows()), main, ch, null);
    Ext[] mem = VmAir.memoryFingerprints(aux, main, ch);
    Ext posSum = air.usesPoseidon() ? VmAir.posSum(aux, ch) : null;
    VmAir bound = air.bind(c.trace().inputRead(), c.trace().outputs(), mem[0], mem[1], posSum);
    long[] base = VmAir.basePublics(c.trace());
    PublicValues pub = new PublicValues(base, bound.extPublics(base, ch));
    int idx = c.checkpoint().segIdx();
    byte[] proof = StarkProofFormat.encode(stark(progress).provePhase2(c.main(), ch, pub, SegmentTranscript.open(g.seed(), idx)));
    return new SegmentProof(config, idx, mem[0], mem[1], posSum, proof);
  }
}

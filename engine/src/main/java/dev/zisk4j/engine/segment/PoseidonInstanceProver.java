package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.precompile.PoseidonAir;
import dev.zisk4j.engine.stark.MainCommitment;
import dev.zisk4j.engine.stark.StarkProofFormat;
import dev.zisk4j.engine.stark.StarkProver;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.function.Consumer;

/**
 * Proves Poseidon instances (PRECOMPILES.md §5), the same two phases as segments: {@link #commit}
 * (trace, LDE, main root → {@link InstanceCommitment}), then {@link #prove} under the global
 * challenges (α_pos, β_pos) → {@link InstanceProof}. Any worker can run either from an {@link
 * InstancePlan}; phase 1 is deterministic, so {@link #prove(InstancePlan, GlobalChallenges)} recomputes
 * it. Thread-safe.
 */
public final class PoseidonInstanceProver {
  /** The one Poseidon AIR (immutable; its constraint system is built once per prover). */
  private final PoseidonAir air = new PoseidonAir();
  private final VmConfig config;
  private final Workers workers;

  /** Phase 1's result kept for phase 2. */
  public record Committed(InstancePlan plan, long[][] main, MainCommitment mainCommitment, InstanceCommitment commitment) {}

  public PoseidonInstanceProver(VmConfig config, Workers workers) {
    this.config = config;
    this.workers = workers;
  }

  /** The digest of the Poseidon AIR (what the global transcript binds beside the VM AIR's). */
  public byte[] airDigest() {
    return air.constraints().digest();
  }

  /** Phase 1. */
  public Committed commit(InstancePlan plan) {
    long[][] main = plan.trace();
    MainCommitment mc = new StarkProver(config.proofOptions(), workers, p -> { }).commitMain(air, main);
    return new Committed(plan, main, mc,
        new InstanceCommitment(InstanceCommitment.POSEIDON, plan.index(), plan.logRows(), mc.mainRoot()));
  }

  /** PARTIAL_CONTRIBUTION for an instance. */
  public InstanceCommitment contribute(InstancePlan plan) {
    return commit(plan).commitment();
  }

  /** PROVE from a plan: recomputes phase 1, then phase 2. */
  public InstanceProof prove(InstancePlan plan, GlobalChallenges g) {
    return prove(commit(plan), g, p -> { });
  }

  /**
   * Phase 2 under the global challenges.
   *
   * @throws IllegalStateException if the challenges have no Poseidon bus (a program without POSEIDON)
   */
  public InstanceProof prove(Committed c, GlobalChallenges g, Consumer<String> progress) {
    Challenges ch = g.poseidonBus();
    Ext sum = PoseidonAir.busSum(c.main(), ch);
    PublicValues pub = new PublicValues(new long[0], ch.field().flatten(sum));
    int idx = c.commitment().index();
    byte[] proof = StarkProofFormat.encode(new StarkProver(config.proofOptions(), workers, progress)
        .provePhase2(c.mainCommitment(), ch, pub, transcript(g.seed(), idx)));
    return new InstanceProof(c.commitment(), sum, proof);
  }

  /** An instance's own transcript: the globalSeed, then its index under the INSTANCE tag (never a segment's). */
  static Transcript transcript(byte[] globalSeed, int index) {
    Transcript t = Transcript.create(Transcript.LABEL_SEGMENT);
    t.absorb(TranscriptTag.GLOBAL_SEED, globalSeed);
    t.absorbLongs(TranscriptTag.INSTANCE, index);
    return t;
  }
}

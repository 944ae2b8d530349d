package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import dev.zisk4j.engine.vmair.VmChallenges;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's global Fiat–Shamir transcript (engine.md §5.2): absorbs Config, imageId, vkRoot, the
 * digest of the VM AIR (tag AIR_DIGEST; a bundle of several AIRs absorbs each in order), inputDigest,
 * inputWords, inputMode, the outputs, k and every SegPublic in order; grinds a {@code
 * config.grindBits()}-bit proof of work (globalNonce), absorbs it, then squeezes the eight challenges
 * and the globalSeed. Prover and verifier share this one definition.
 *
 * <p>A program using POSEIDON (PRECOMPILES.md §5) passes its instance commitments (a list, possibly
 * empty; null for a program without POSEIDON): after the SegPublics the transcript absorbs the Poseidon
 * AIR's digest (AIR_DIGEST), the instance count (INSTANCE_COUNT) and each commitment (INSTANCE), and
 * squeezes ten challenges (α_pos, β_pos after the eight). Without instances nothing changes.
 */
public final class GlobalTranscript {
  private GlobalTranscript() {}

  /** The Poseidon AIR's digest, computed once (the AIR is immutable). */
  private static final class PoseidonDigest {
    static final byte[] DIGEST = new dev.zisk4j.engine.precompile.PoseidonAir().constraints().digest();
  }

  /** The transcript state just before the proof of work. */

  static Transcript beforePow(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments) {
    return beforePow(config, st, airDigest, segments, null);
  }

  static Transcript beforePow(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      List<InstanceCommitment> instances) {
    Transcript t = Transcript.create(Transcript.LABEL_GLOBAL);
    t.absorb(TranscriptTag.CONFIG, config.encode());
    t.absorb(TranscriptTag.IMAGE_ID, st.imageId());
    t.absorb(TranscriptTag.VK_ROOT, st.vkRoot());
    t.absorb(TranscriptTag.AIR_DIGEST, airDigest);
    t.absorb(TranscriptTag.INPUT_DIGEST, st.inputDigest());
    t.absorbLongs(TranscriptTag.INPUT_WORDS, st.inputWords());
    t.absorb(TranscriptTag.INPUT_MODE, new byte[] {(byte) st.inputMode().wire()});
    t.absorbLongs(TranscriptTag.OUTPUTS, st.outputs());
    t.absorbLongs(TranscriptTag.SEGMENT_COUNT, segments.size());
    for (SegPublic p : segments) {
      t.absorb(TranscriptTag.SEG_PUBLIC, p.encode());
    }
    if (instances != null) {
      t.absorb(TranscriptTag.AIR_DIGEST, PoseidonDigest.DIGEST);
      t.absorbLongs(TranscriptTag.INSTANCE_COUNT, instances.size());
      for (InstanceCommitment c : instances) {
        t.absorb(TranscriptTag.INSTANCE, c.encode());
      }
    }
    return t;
  }

  /** Grinds the global proof of work (the prover side). */
  public static long grind(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments) {
    return grind(config, st, airDigest, segments, null);
  }

  /** Grinds with the instance commitments bound (null: a program without POSEIDON). */
  public static long grind(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      List<InstanceCommitment> instances) {
    return beforePow(config, st, airDigest, segments, instances).grind(config.grindBits());
  }

  /** True if the nonce meets the global proof-of-work target. */
  public static boolean checkNonce(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      long nonce) {
    return checkNonce(config, st, airDigest, segments, null, nonce);
  }

  /** As {@link #checkNonce(VmConfig, Statement, byte[], List, long)} with the instance commitments bound. */
  public static boolean checkNonce(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      List<InstanceCommitment> instances, long nonce) {
    return beforePow(config, st, airDigest, segments, instances).checkPow(config.grindBits(), nonce);
  }

  /** The challenges and seed that follow the nonce (the nonce is not checked here). */
  public static GlobalChallenges challenges(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      long nonce) {
    return challenges(config, st, airDigest, segments, null, nonce);
  }

  /** The challenges with the instance commitments bound: ten of them when {@code instances} is non-null. */
  public static GlobalChallenges challenges(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      List<InstanceCommitment> instances, long nonce) {
    Transcript t = beforePow(config, st, airDigest, segments, instances);
    t.absorbLongs(TranscriptTag.GLOBAL_NONCE, nonce);
    ExtField f = config.proofOptions().extension();
    int count = VmChallenges.count(instances != null);
    List<Ext> ch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ch.add(t.squeezeExt(f));
    }
    return new GlobalChallenges(ch, t.squeeze());
  }
}

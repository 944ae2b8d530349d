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
 */
public final class GlobalTranscript {
  private GlobalTranscript() {}

  /** The transcript state just before the proof of work. */
  static Transcript beforePow(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments) {
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
    return t;
  }

  /** Grinds the global proof of work (the prover side). */
  public static long grind(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments) {
    return beforePow(config, st, airDigest, segments).grind(config.grindBits());
  }

  /** True if the nonce meets the global proof-of-work target. */
  public static boolean checkNonce(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      long nonce) {
    return beforePow(config, st, airDigest, segments).checkPow(config.grindBits(), nonce);
  }

  /** The challenges and seed that follow the nonce (the nonce is not checked here). */
  public static GlobalChallenges challenges(VmConfig config, Statement st, byte[] airDigest, List<SegPublic> segments,
      long nonce) {
    Transcript t = beforePow(config, st, airDigest, segments);
    t.absorbLongs(TranscriptTag.GLOBAL_NONCE, nonce);
    ExtField f = config.proofOptions().extension();
    List<Ext> ch = new ArrayList<>(VmChallenges.COUNT);
    for (int i = 0; i < VmChallenges.COUNT; i++) {
      ch.add(t.squeezeExt(f));
    }
    return new GlobalChallenges(ch, t.squeeze());
  }
}

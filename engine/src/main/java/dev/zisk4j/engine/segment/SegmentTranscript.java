package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;

/**
 * A segment's own transcript (engine.md §4.1 step 3): seeded with the globalSeed and the segment
 * index, then continued by the generic STARK's phase 2 (ext publics, aux root, λ, ...). The main root
 * is bound through the global transcript, which absorbed every SegPublic before the seed.
 */
final class SegmentTranscript {
  private SegmentTranscript() {}

  static Transcript open(byte[] globalSeed, int segIdx) {
    Transcript t = Transcript.create(Transcript.LABEL_SEGMENT);
    t.absorb(TranscriptTag.GLOBAL_SEED, globalSeed);
    t.absorbLongs(TranscriptTag.SEGMENT_INDEX, segIdx);
    return t;
  }
}

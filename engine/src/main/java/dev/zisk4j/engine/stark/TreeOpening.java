package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.merkle.MultiProof;

/** The opened rows of one trace commitment at the query indices (one row per query, in order) and their multi-proof. */
public record TreeOpening(long[][] rows, MultiProof proof) {}

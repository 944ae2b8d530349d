package dev.zisk4j.engine.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's side of the phases (engine.md §5.2): after every commitment is in, draws the
 * global challenges; after every segment proof is in, assembles the {@link Bundle}. Commitments and
 * proofs may arrive in any order; they are placed by segIdx.
 */
public final class Aggregator {
  private final VmConfig config;
  private final Statement statement;
  private final byte[] airDigest;
  private final SegPublic[] publics;
  private long nonce;
  private GlobalChallenges challenges;

  /**
   * @param statement imageId, vkRoot, input binding and the run's outputs
   * @param airDigest the VM AIR's constraint-system digest ({@link SegmentProver#airDigest()})
   */
  public Aggregator(VmConfig config, Statement statement, byte[] airDigest, int segments) {
    if (segments < 1 || segments > Bundle.MAX_SEGMENTS) {
      throw new IllegalArgumentException("segment count out of range: segments=" + segments);
    }
    if (airDigest.length != 32) {
      throw new IllegalArgumentException("AIR digest must be 32 bytes: length=" + airDigest.length);
    }
    this.config = config;
    this.statement = statement;
    this.airDigest = airDigest.clone();
    this.publics = new SegPublic[segments];
  }

  /**
   * Records one segment's commitment.
   *
   * @throws IllegalArgumentException for an index out of range or a second, different commitment
   */
  public synchronized void accept(SegmentCommitment c) {
    if (c.segIdx() >= publics.length) {
      throw new IllegalArgumentException("segIdx out of range: segIdx=" + c.segIdx() + ", segments=" + publics.length);
    }
    if (publics[c.segIdx()] != null && !publics[c.segIdx()].equals(c.segPublic())) {
      throw new IllegalArgumentException("conflicting commitment: segIdx=" + c.segIdx());
    }
    publics[c.segIdx()] = c.segPublic();
  }

  /**
   * The global challenges, once every commitment is in (grinds the global proof of work once).
   *
   * @throws IllegalStateException if a commitment is missing
   */
  public synchronized GlobalChallenges challenges() {
    if (challenges == null) {
      List<SegPublic> all = all();
      nonce = GlobalTranscript.grind(config, statement, airDigest, all);
      challenges = GlobalTranscript.challenges(config, statement, airDigest, all, nonce);
    }
    return challenges;
  }

  /**
   * AGGREGATE: the bundle from every segment's proof.
   *
   * @throws IllegalStateException if challenges were not drawn or a proof is missing or misplaced
   */
  public synchronized Bundle aggregate(List<SegmentProof> proofs) {
    if (challenges == null) {
      throw new IllegalStateException("challenges not drawn yet");
    }
    SegmentProof[] byIdx = new SegmentProof[publics.length];
    for (SegmentProof p : proofs) {
      if (p.segIdx() >= byIdx.length || byIdx[p.segIdx()] != null) {
        throw new IllegalStateException("unexpected or duplicate segment proof: segIdx=" + p.segIdx());
      }
      byIdx[p.segIdx()] = p;
    }
    for (int i = 0; i < byIdx.length; i++) {
      if (byIdx[i] == null) {
        throw new IllegalStateException("segment proof missing: segIdx=" + i);
      }
    }
    return new Bundle(config, statement, nonce, all(), List.of(byIdx));
  }

  private List<SegPublic> all() {
    List<SegPublic> all = new ArrayList<>();
    for (int i = 0; i < publics.length; i++) {
      if (publics[i] == null) {
        throw new IllegalStateException("commitment missing: segIdx=" + i);
      }
      all.add(publics[i]);
    }
    return all;
  }
}

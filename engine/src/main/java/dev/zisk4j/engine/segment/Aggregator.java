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
  /** Precompile instances' commitments, or null for a program without POSEIDON. */
  private final InstanceCommitment[] instances;
  private long nonce;
  private GlobalChallenges challenges;

  /**
   * @param statement imageId, vkRoot, input binding and the run's outputs
   * @param airDigest the VM AIR's constraint-system digest ({@link SegmentProver#airDigest()})
   */
  public Aggregator(VmConfig config, Statement statement, byte[] airDigest, int segments) {
    this(config, statement, airDigest, segments, -1);
  }

  /**
   * An aggregator for a program using POSEIDON: {@code instances} ≥ 0 Poseidon instances go beside the
   * segments (PRECOMPILES.md §5); −1 means a program without POSEIDON (exactly the plain aggregator).
   */
  public Aggregator(VmConfig config, Statement statement, byte[] airDigest, int segments, int instances) {
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
    if (instances > Bundle.MAX_INSTANCES) {
      throw new IllegalArgumentException("instance count out of range: instances=" + instances);
    }
    this.instances = instances < 0 ? null : new InstanceCommitment[instances];
  }

  /**
   * Records one instance's commitment.
   *
   * @throws IllegalArgumentException for a program without instances, an index out of range or a second,
   *     different commitment
   */
  public synchronized void accept(InstanceCommitment c) {
    if (instances == null || c.index() >= instances.length) {
      throw new IllegalArgumentException("instance index out of range: index=" + c.index() + ", instances="
          + (instances == null ? "none (program without POSEIDON)" : instances.length));
    }
    if (instances[c.index()] != null && !instances[c.index()].equals(c)) {
      throw new IllegalArgumentException("conflicting instance commitment: index=" + c.index());
    }
    instances[c.index()] = c;
  }

  private List<InstanceCommitment> allInstances() {
    if (instances == null) {
      return null;
    }
    List<InstanceCommitment> all = new ArrayList<>();
    for (int i = 0; i < instances.length; i++) {
      if (instances[i] == null) {
        throw new IllegalStateException("instance commitment missing: index=" + i);
      }
      all.add(instances[i]);
    }
    return all;
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
      List<InstanceCommitment> inst = allInstances();
      nonce = GlobalTranscript.grind(config, statement, airDigest, all, inst);
      challenges = GlobalTranscript.challenges(config, statement, airDigest, all, inst, nonce);
    }
    return challenges;
  }

  /**
   * AGGREGATE: the bundle from every segment's proof.
   *
   * @throws IllegalStateException if challenges were not drawn or a proof is missing or misplaced
   */
  public synchronized Bundle aggregate(List<SegmentProof> proofs) {
    return aggregate(proofs, List.of());
  }

  /**
   * AGGREGATE with the instances' proofs (placed by index).
   *
   * @throws IllegalStateException if challenges were not drawn or a proof is missing, misplaced or foreign
   */
  public synchronized Bundle aggregate(List<SegmentProof> proofs, List<InstanceProof> instanceProofs) {
    int n = instances == null ? 0 : instances.length;
    InstanceProof[] inst = new InstanceProof[n];
    for (InstanceProof p : instanceProofs) {
      int i = p.commitment().index();
      if (i >= n || inst[i] != null || !p.commitment().equals(instances[i])) {
        throw new IllegalStateException("unexpected, duplicate or foreign instance proof: index=" + i);
      }
      inst[i] = p;
    }
    for (int i = 0; i < n; i++) {
      if (inst[i] == null) {
        throw new IllegalStateException("instance proof missing: index=" + i);
      }
    }
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
    return new Bundle(config, statement, nonce, all(), List.of(byIdx), List.of(inst));
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

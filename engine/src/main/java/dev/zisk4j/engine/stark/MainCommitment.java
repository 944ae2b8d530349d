package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.merkle.MerkleTree;
import dev.zisk4j.engine.poly.Lde;

/**
 * Phase 1's result (design §5.2 PARTIAL_CONTRIBUTION): the committed main trace, kept with its LDE and
 * Merkle tree (and the preprocessed ones) for phase 2. Only {@link #mainRoot()} needs to leave the worker.
 * Holds about (pre + main columns) × 8N × 8 bytes; not thread-safe to share with a second phase 2 run
 * concurrently, but phase 2 may run any number of times sequentially.
 */
public final class MainCommitment {
    final Air air;
    final ProofShape shape;
    final long[][] preTrace;
    final long[][] mainTrace;
    final Lde.Extended pre;
    final Lde.Extended main;
    final MerkleTree preTree;
    final MerkleTree mainTree;

    MainCommitment(Air air, ProofShape shape, long[][] preTrace, long[][] mainTrace, Lde.Extended pre,
            Lde.Extended main, MerkleTree preTree, MerkleTree mainTree) {
        this.air = air;
        this.shape = shape;
        this.preTrace = preTrace;
        this.mainTrace = mainTrace;
        this.pre = pre;
        this.main = main;
        this.preTree = preTree;
        this.mainTree = mainTree;
    }

    public ProofShape shape() {
        return shape;
    }

    public Air air() {
        return air;
    }

    public byte[] mainRoot() {
        return mainTree.root();
    }

    /** Root of the preprocessed columns' LDE (empty when the AIR has none); equals the verifying key's. */
    public byte[] preRoot() {
        return preTree == null ? new byte[0] : preTree.root();
    }
}

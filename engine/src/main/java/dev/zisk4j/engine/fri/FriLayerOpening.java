package dev.zisk4j.engine.fri;

import dev.zisk4j.engine.merkle.MultiProof;

/**
 * The opened leaves of one committed FRI layer: for each distinct leaf index (increasing), the 4·d elements
 * (the d components of each of the 4 coset values), and the multi-proof of those leaves against the layer's root.
 */
public record FriLayerOpening(long[][] leaves, MultiProof proof) {}

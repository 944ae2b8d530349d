package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.fri.FriLayerOpening;
import java.util.List;

/**
 * A parsed or freshly built STARK proof (byte layout: {@link StarkProofFormat}). Extension values are
 * interleaved (c0, c1). {@code auxRoot} is empty and {@code pre}/{@code aux} have empty rows when the AIR has
 * no such columns. Arrays are shared, not copied: treat as immutable.
 */
public record StarkProof(ProofShape shape, byte[] mainRoot, byte[] auxRoot, byte[] compRoot, long[] oodCur,
        long[] oodNext, long[] oodQuotient, byte[][] friRoots, long[] friRemainder, long powNonce, int[] queries,
        TreeOpening pre, TreeOpening main, TreeOpening aux, TreeOpening comp, List<FriLayerOpening> fri) {}

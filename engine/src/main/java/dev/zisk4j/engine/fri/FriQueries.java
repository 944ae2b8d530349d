package dev.zisk4j.engine.fri;

import java.util.Arrays;

/** Index bookkeeping shared by FRI prover and verifier. */
public final class FriQueries {
    private FriQueries() {}

    /** Distinct sorted leaf indices i mod quarter of the given indices (the positions in the next layer). */
    public static int[] nextLayer(int[] idx, int quarter) {
        return Arrays.stream(idx).map(i -> i % quarter).sorted().distinct().toArray();
    }
}

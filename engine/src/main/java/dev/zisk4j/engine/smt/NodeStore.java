package dev.zisk4j.engine.smt;

/**
 * Where the tree keeps node pre-images, by node hash: 12 elements for a leaf or branch, 8 limbs for a value.
 * Implementations need not be thread-safe unless they say so.
 */
public interface NodeStore {
    /** A store that keeps nothing: for computing hashes whose pre-images are not wanted. */
    NodeStore DISCARD = new NodeStore() {
        @Override
        public long[] get(Hash4 hash) {
            return null;
        }

        @Override
        public void put(Hash4 hash, long[] preimage) {}
    };

    /** The pre-image of {@code hash}, or null if the store does not hold it. Callers must not modify it. */
    long[] get(Hash4 hash);

    /** Records a pre-image; storing the same hash again with the same pre-image is harmless. */
    void put(Hash4 hash, long[] preimage);
}

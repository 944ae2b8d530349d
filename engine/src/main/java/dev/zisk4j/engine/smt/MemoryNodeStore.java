package dev.zisk4j.engine.smt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link NodeStore} in a hash map, in insertion order. Not thread-safe. */
public final class MemoryNodeStore implements NodeStore {
    private final Map<Hash4, long[]> nodes = new LinkedHashMap<>();

    @Override
    public long[] get(Hash4 hash) {
        return nodes.get(hash);
    }

    @Override
    public void put(Hash4 hash, long[] preimage) {
        nodes.put(hash, preimage);
    }

    public int size() {
        return nodes.size();
    }

    /** A read-only view of every stored pre-image. */
    public Map<Hash4, long[]> entries() {
        return Collections.unmodifiableMap(nodes);
    }
}

package dev.zisk4j.proverservice.rollup;

import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.NodeStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node store over a read-only base that keeps every write apart: the writes are exactly the nodes
 * a batch created ({@code diff_keys_values}), and their number is the Poseidon permutations the
 * tree computed for them. Not thread-safe.
 */
final class OverlayStore implements NodeStore {
  private final NodeStore base;
  private final Map<Hash4, long[]> written = new LinkedHashMap<>();
  private long puts;

  OverlayStore(NodeStore base) {
    this.base = base;
  }

  @Override
  public long[] get(Hash4 hash) {
    long[] w = written.get(hash);
    return w != null ? w : base.get(hash);
  }

  @Override
  public void put(Hash4 hash, long[] preimage) {
    puts++;
    written.put(hash, preimage.clone());
  }

  /** The nodes written, in write order. */
  Map<Hash4, long[]> written() {
    return written;
  }

  /** Every put, including a node written twice (each one was hashed). */
  long puts() {
    return puts;
  }
}

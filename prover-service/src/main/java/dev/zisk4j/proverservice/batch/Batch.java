package dev.zisk4j.proverservice.batch;

import java.util.List;

/** A decoded batch (BATCH.md v1): its transfers in order. Immutable. */
public record Batch(int version, List<Transfer> transfers) {
  public Batch {
    transfers = List.copyOf(transfers);
  }
}

package dev.zisk4j.datastream.file;

/**
 * Told after a truncate became the committed state, so that readers past the cut can be stopped.
 * Called on the producer thread that truncated; same rules as {@link CommitListener}.
 */
@FunctionalInterface
public interface TruncateListener {
  /** Entries from {@code newTotalEntries} on were removed; the next entry number is {@code newTotalEntries}. */
  void truncated(long newTotalEntries);
}

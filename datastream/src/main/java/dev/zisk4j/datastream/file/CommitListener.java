package dev.zisk4j.datastream.file;

/**
 * Told of each commit, in commit order, after the entries are visible to readers (and durable in
 * {@link Durability#FSYNC} mode). Called on a producer thread: keep it short and never call the
 * producer API from it; a listener that throws is logged and kept.
 */
@FunctionalInterface
public interface CommitListener {
  /** Entries {@code [firstEntry, endEntryExclusive)} were committed. */
  void committed(long firstEntry, long endEntryExclusive);
}

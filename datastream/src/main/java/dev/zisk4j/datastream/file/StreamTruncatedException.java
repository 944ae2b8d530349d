package dev.zisk4j.datastream.file;

/**
 * A cursor's next entry was removed by a truncate: the entries it already returned from the cut on
 * no longer exist. The reader must restart from {@link #newTotalEntries()} or before.
 */
public final class StreamTruncatedException extends IllegalStateException {
  private final long cursorNext;
  private final long newTotalEntries;

  public StreamTruncatedException(long cursorNext, long newTotalEntries) {
    super("stream truncated below the cursor: cursorNext=" + cursorNext + ", truncatedTo=" + newTotalEntries);
    this.cursorNext = cursorNext;
    this.newTotalEntries = newTotalEntries;
  }

  public long cursorNext() {
    return cursorNext;
  }

  public long newTotalEntries() {
    return newTotalEntries;
  }
}

package dev.zisk4j.datastream.file;

/**
 * The committed state of a stream as held by the header entry (spec §2.1).
 *
 * @param version      application-defined payload version (u8), 0 for a legacy 29-byte header
 * @param systemId     application-defined system id, e.g. a chain id (u64), 0 for a legacy header
 * @param streamType   stream type (u64); 1 = Sequencer
 * @param totalLength  absolute file offset just past the last committed entry, counting the header
 *                     page and padding; 4096 for an empty stream
 * @param totalEntries number of committed entries, which is also the next entry number
 */
public record StreamHeader(int version, long systemId, long streamType, long totalLength, long totalEntries) {
  public StreamHeader {
    if (version < 0 || version > 0xFF) {
      throw new IllegalArgumentException("version=" + version + " does not fit in u8");
    }
    if (totalLength < StreamFileLayout.HEADER_PAGE_BYTES) {
      throw new IllegalArgumentException("totalLength=" + totalLength + " is below the header page size 4096");
    }
    if (totalEntries < 0) {
      throw new IllegalArgumentException("totalEntries=" + Long.toUnsignedString(totalEntries) + " out of range");
    }
  }

  /** The header of an empty stream. */
  public static StreamHeader empty(int version, long systemId, long streamType) {
    return new StreamHeader(version, systemId, streamType, StreamFileLayout.HEADER_PAGE_BYTES, 0);
  }

  /** The same header with a new committed end. */
  public StreamHeader withEnd(long newTotalLength, long newTotalEntries) {
    return new StreamHeader(version, systemId, streamType, newTotalLength, newTotalEntries);
  }
}

package dev.zisk4j.datastream.file;

import java.nio.charset.StandardCharsets;

/**
 * The one descriptor of the stream file's page structure (spec §2.1, §2.3).
 *
 * <pre>
 *  offset 0              4096                 4096 + 2^20          4096 + 2·2^20
 *  +---------------------+--------------------+--------------------+----
 *  | header page         | data page 0        | data page 1        | ...
 *  | magic(16)           | entry entry ... pad| entry ...          |
 *  | header entry(38)    |                    |                    |
 *  | zeros to 4095       |                    |                    |
 *  +---------------------+--------------------+--------------------+----
 * </pre>
 *
 * <p>A new file holds the header page and {@link #INITIAL_DATA_PAGES} zeroed data pages; it grows by
 * {@link #GROWTH_DATA_PAGES} when an entry needs a page past the end. An entry never crosses a page:
 * when it does not fit in the rest of the current page, one 0x00 padding byte is written and the
 * entry starts at the next page. At an exact page boundary the remaining room is 0, not a page.
 */
public final class StreamFileLayout {
  /** ASCII {@code polygonDATSTREAM} at file offset 0. */
  public static final byte[] MAGIC = "polygonDATSTREAM".getBytes(StandardCharsets.US_ASCII);
  public static final int HEADER_PAGE_BYTES = 4096;
  public static final int DATA_PAGE_BYTES = 1 << 20;
  public static final int INITIAL_DATA_PAGES = 100;
  public static final int GROWTH_DATA_PAGES = 10;
  /** Offset of the header entry inside the header page. */
  public static final int HEADER_ENTRY_OFFSET = 16;
  /** Size of a new file: 104,861,696 bytes. */
  public static final long INITIAL_FILE_BYTES = HEADER_PAGE_BYTES + (long) INITIAL_DATA_PAGES * DATA_PAGE_BYTES;

  private StreamFileLayout() {}

  /** Data page holding absolute file offset {@code offset} (which must be ≥ 4096). */
  public static long pageOf(long offset) {
    return (offset - HEADER_PAGE_BYTES) / DATA_PAGE_BYTES;
  }

  /** Absolute file offset where data page {@code page} starts. */
  public static long pageStart(long page) {
    return HEADER_PAGE_BYTES + page * DATA_PAGE_BYTES;
  }

  /** Bytes left in the current page at {@code offset}; 0 at an exact page boundary (spec §2.3). */
  public static long remainingInPage(long offset) {
    long off = (offset - HEADER_PAGE_BYTES) % DATA_PAGE_BYTES;
    return off == 0 ? 0 : DATA_PAGE_BYTES - off;
  }

  /** True when an entry of {@code entryLength} bytes cannot be written at {@code offset} without padding. */
  public static boolean needsPadding(long offset, int entryLength) {
    return entryLength > remainingInPage(offset);
  }

  /**
   * Where an entry of {@code entryLength} bytes starts when the write position is {@code offset}:
   * {@code offset} itself, or the next page start when the entry does not fit.
   */
  public static long placement(long offset, int entryLength) {
    if (!needsPadding(offset, entryLength)) {
      return offset;
    }
    return offset + remainingInPage(offset);
  }

  /** The file size after growing a file of {@code size} bytes by one growth step. */
  public static long grownSize(long size) {
    long pages = (size - HEADER_PAGE_BYTES + DATA_PAGE_BYTES - 1) / DATA_PAGE_BYTES;
    return pageStart(pages + GROWTH_DATA_PAGES);
  }
}

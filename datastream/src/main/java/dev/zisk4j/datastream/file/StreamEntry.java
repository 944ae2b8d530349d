package dev.zisk4j.datastream.file;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One data entry of a stream: its dense sequence number, its u32 entry type and its payload.
 *
 * <p>The array is not copied: callers must not modify it after handing it over (the producer API
 * copies it into the file at once, readers get a fresh array per entry).
 *
 * @param number entry number, dense from 0
 * @param type   u32 entry type held in an int ({@link #BOOKMARK_TYPE} marks a bookmark)
 * @param data   payload, never null
 */
public record StreamEntry(long number, int type, byte[] data) {
  /** Entry type of a bookmark entry (u32 0x000000B0). */
  public static final int BOOKMARK_TYPE = 0xB0;
  /** Entry type carried by a "not found" DATA_RSP on the wire (u32 0xFFFFFFFF). */
  public static final int NOT_FOUND_TYPE = 0xFFFFFFFF;

  public StreamEntry {
    Objects.requireNonNull(data, "data");
    if (number < 0) {
      throw new IllegalArgumentException("number=" + Long.toUnsignedString(number) + " exceeds the signed range");
    }
  }

  /** True when this entry is a bookmark (type 0xB0); its data is then the bookmark key. */
  public boolean isBookmark() {
    return type == BOOKMARK_TYPE;
  }

  /** The total encoded size of this entry (17-byte prefix plus data). */
  public int encodedLength() {
    return EntryPacket.HEADER_BYTES + data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamEntry e && e.number == number && e.type == type && Arrays.equals(e.data, data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + type * 17 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    String hex = data.length <= 32
        ? HexFormat.of().formatHex(data)
        : HexFormat.of().formatHex(data, 0, 32) + "...";
    return "StreamEntry[number=" + number + ", type=0x" + Integer.toHexString(type)
        + ", length=" + data.length + ", data=" + hex + "]";
  }
}

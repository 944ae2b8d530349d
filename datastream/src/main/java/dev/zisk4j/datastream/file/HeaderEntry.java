package dev.zisk4j.datastream.file;

import java.nio.ByteBuffer;

/**
 * The one codec of the header entry (spec §2.1, §8): 38 bytes at file offset 16 and on the wire as
 * the reply to the Header command; also reads the legacy 29-byte form (before v0.1.18).
 *
 * <pre>
 *  current (38 bytes)                          legacy (29 bytes)
 *  0  packetType u8 = 1                        0  packetType u8 = 1
 *  1  headLength u32 = 38                      1  headLength u32 = 29
 *  5  version u8                               5  streamType u64
 *  6  systemId u64                             13 totalLength u64
 *  14 streamType u64                           21 totalEntries u64
 *  22 totalLength u64
 *  30 totalEntries u64
 * </pre>
 */
public final class HeaderEntry {
  public static final byte PACKET_TYPE = 0x01;
  public static final int LENGTH = 38;
  public static final int LEGACY_LENGTH = 29;
  public static final int OFFSET_PACKET_TYPE = 0;
  public static final int OFFSET_LENGTH = 1;
  public static final int OFFSET_VERSION = 5;
  public static final int OFFSET_SYSTEM_ID = 6;
  public static final int OFFSET_STREAM_TYPE = 14;
  public static final int OFFSET_TOTAL_LENGTH = 22;
  public static final int OFFSET_TOTAL_ENTRIES = 30;

  private HeaderEntry() {}

  /** Writes the 38-byte header entry at the buffer's position and advances it. */
  public static void encode(StreamHeader h, ByteBuffer dst) {
    dst.put(PACKET_TYPE).putInt(LENGTH).put((byte) h.version()).putLong(h.systemId())
        .putLong(h.streamType()).putLong(h.totalLength()).putLong(h.totalEntries());
  }

  /** The 38-byte header entry as a fresh array. */
  public static byte[] toBytes(StreamHeader h) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    encode(h, b);
    return b.array();
  }

  /**
   * The declared length of the header entry at the buffer's position (29 or 38), without consuming.
   *
   * @throws EntryFormatException if fewer than 5 bytes are there, the packet type is not 1, or the
   *     length is neither 29 nor 38
   */
  public static int peekLength(ByteBuffer src) throws EntryFormatException {
    int at = src.position();
    if (src.remaining() < 5) {
      throw new EntryFormatException("truncated header entry: available=" + src.remaining() + ", need=5");
    }
    byte pt = src.get(at);
    if (pt != PACKET_TYPE) {
      throw new EntryFormatException("bad header packet type: packetType=0x" + Integer.toHexString(pt & 0xFF)
          + ", expected=0x01");
    }
    int len = src.getInt(at + OFFSET_LENGTH);
    if (len != LENGTH && len != LEGACY_LENGTH) {
      throw new EntryFormatException("bad header length: headLength=" + Integer.toUnsignedString(len)
          + ", expected=38 or 29");
    }
    return len;
  }

  /**
   * Reads a header entry of either form at the buffer's position and advances past it. A legacy
   * header reads as version 0 and system id 0.
   *
   * @throws EntryFormatException if the packet type or length is wrong, the buffer ends early, or a
   *     field is out of range (totalLength below 4096, totalEntries above 2^63−1)
   */
  public static StreamHeader decode(ByteBuffer src) throws EntryFormatException {
    int len = peekLength(src);
    if (src.remaining() < len) {
      throw new EntryFormatException("truncated header entry: available=" + src.remaining() + ", need=" + len);
    }
    int at = src.position();
    int version;
    long systemId;
    long streamType;
    long totalLength;
    long totalEntries;
    if (len == LENGTH) {
      version = src.get(at + OFFSET_VERSION) & 0xFF;
      systemId = src.getLong(at + OFFSET_SYSTEM_ID);
      streamType = src.getLong(at + OFFSET_STREAM_TYPE);
      totalLength = src.getLong(at + OFFSET_TOTAL_LENGTH);
      totalEntries = src.getLong(at + OFFSET_TOTAL_ENTRIES);
    } else {
      version = 0;
      systemId = 0;
      streamType = src.getLong(at + 5);
      totalLength = src.getLong(at + 13);
      totalEntries = src.getLong(at + 21);
    }
    if (totalLength < StreamFileLayout.HEADER_PAGE_BYTES) {
      throw new EntryFormatException("bad header: totalLength=" + Long.toUnsignedString(totalLength)
          + ", minimum=4096");
    }
    // Every entry takes at least its 17-byte prefix, so the count is bounded by the data length.
    if (totalEntries < 0 || totalEntries > (totalLength - StreamFileLayout.HEADER_PAGE_BYTES) / EntryPacket.HEADER_BYTES) {
      throw new EntryFormatException("bad header: totalEntries=" + Long.toUnsignedString(totalEntries)
          + " cannot fit in totalLength=" + totalLength);
    }
    src.position(at + len);
    return new StreamHeader(version, systemId, streamType, totalLength, totalEntries);
  }
}

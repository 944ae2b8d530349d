package dev.zisk4j.datastream.file;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The one descriptor of the data-entry layout (spec §2.2): the same bytes in the stream file, in
 * the live stream (packet type {@link #DATA}) and in a DATA_RSP reply (packet type {@link #DATA_RSP}).
 *
 * <pre>
 *  0        1                5                9                               17
 *  +--------+----------------+----------------+-------------------------------+----------------+
 *  | packet | length u32 BE  | type u32 BE    | number u64 BE                 | data (length-17)|
 *  | type   | = 17 + len(data)                |                               |                |
 *  +--------+----------------+----------------+-------------------------------+----------------+
 * </pre>
 *
 * <p>All integers are big-endian and unsigned. An entry never crosses a data page, so its total
 * length is at most {@link #MAX_LENGTH} (the Go reference does not check this; we reject longer ones).
 */
public final class EntryPacket {
  /** Packet type of a padding byte (file only). */
  public static final byte PADDING = 0x00;
  /** Packet type of a data entry in the file and in the live stream. */
  public static final byte DATA = 0x02;
  /** Packet type of a reply to the Entry and Bookmark commands (wire only). */
  public static final byte DATA_RSP = (byte) 0xFE;

  /** Size of the fixed prefix: packet type, length, type, number. */
  public static final int HEADER_BYTES = 17;
  public static final int OFFSET_PACKET_TYPE = 0;
  public static final int OFFSET_LENGTH = 1;
  public static final int OFFSET_TYPE = 5;
  public static final int OFFSET_NUMBER = 9;
  public static final int OFFSET_DATA = 17;
  /** Largest total entry length: one whole data page. */
  public static final int MAX_LENGTH = StreamFileLayout.DATA_PAGE_BYTES;
  /** Largest payload. */
  public static final int MAX_DATA = MAX_LENGTH - HEADER_BYTES;

  private EntryPacket() {}

  /**
   * Writes the entry at the buffer's position and advances it.
   *
   * @throws IllegalArgumentException if the data exceeds {@link #MAX_DATA}
   * @throws java.nio.BufferOverflowException if {@code dst} has less than {@code 17 + len(data)} bytes left
   */
  public static void encode(byte packetType, StreamEntry entry, ByteBuffer dst) {
    encode(packetType, entry.type(), entry.number(), entry.data(), dst);
  }

  /** Like {@link #encode(byte, StreamEntry, ByteBuffer)} without building a record (hot path). */
  public static void encode(byte packetType, int type, long number, byte[] data, ByteBuffer dst) {
    if (data.length > MAX_DATA) {
      throw new IllegalArgumentException("entry data too long: length=" + data.length + ", max=" + MAX_DATA);
    }
    dst.put(packetType).putInt(HEADER_BYTES + data.length).putInt(type).putLong(number).put(data);
  }

  /** The entry as a fresh array of {@code 17 + len(data)} bytes. */
  public static byte[] toBytes(byte packetType, StreamEntry entry) {
    ByteBuffer b = ByteBuffer.allocate(entry.encodedLength());
    encode(packetType, entry, b);
    return b.array();
  }

  /**
   * Reads one whole entry at the buffer's position and advances past it.
   *
   * @param expectedPacketType {@link #DATA} or {@link #DATA_RSP}
   * @param offset             where the entry starts in its file or stream, only for error messages
   * @throws EntryFormatException if the packet type or the length is wrong, or the buffer ends early
   */
  public static StreamEntry decode(byte expectedPacketType, ByteBuffer src, long offset) throws EntryFormatException {
    int start = src.position();
    int length = checkPrefix(expectedPacketType, src, start, offset);
    if (src.remaining() < length) {
      throw new EntryFormatException("truncated entry: offset=" + offset + ", length=" + length
          + ", available=" + src.remaining());
    }
    int type = src.getInt(start + OFFSET_TYPE);
    long number = src.getLong(start + OFFSET_NUMBER);
    if (number < 0) {
      throw new EntryFormatException("entry number out of range: offset=" + offset
          + ", number=" + Long.toUnsignedString(number));
    }
    byte[] data = new byte[length - HEADER_BYTES];
    src.position(start + HEADER_BYTES);
    try {
      src.get(data);
    } catch (BufferUnderflowException e) {
      throw new AssertionError("length checked above", e);
    }
    return new StreamEntry(number, type, data);
  }

  /**
   * Checks the 17-byte prefix at {@code at} (absolute, position unchanged) and returns the entry's
   * total length.
   *
   * @throws EntryFormatException if fewer than 17 bytes are there, the packet type is not the
   *     expected one, or the length is below 17 or above {@link #MAX_LENGTH}
   */
  public static int checkPrefix(byte expectedPacketType, ByteBuffer src, int at, long offset)
      throws EntryFormatException {
    if (src.limit() - at < HEADER_BYTES) {
      throw new EntryFormatException("truncated entry header: offset=" + offset + ", available="
          + (src.limit() - at) + ", need=" + HEADER_BYTES);
    }
    byte pt = src.get(at + OFFSET_PACKET_TYPE);
    if (pt != expectedPacketType) {
      throw new EntryFormatException("expecting packet type data: offset=" + offset + ", packetType=0x"
          + Integer.toHexString(pt & 0xFF) + ", expected=0x" + Integer.toHexString(expectedPacketType & 0xFF));
    }
    long length = Integer.toUnsignedLong(src.getInt(at + OFFSET_LENGTH));
    if (length < HEADER_BYTES || length > MAX_LENGTH) {
      throw new EntryFormatException("bad entry length: offset=" + offset + ", length=" + length
          + ", allowed=" + HEADER_BYTES + ".." + MAX_LENGTH);
    }
    return (int) length;
  }

  /** The number field of the prefix at {@code at} (absolute). */
  public static long numberAt(ByteBuffer src, int at) {
    return src.getLong(at + OFFSET_NUMBER);
  }
}

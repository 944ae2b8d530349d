package dev.zisk4j.datastream.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The one descriptor of the bookmark log file ({@code <stream file>.bookmarks}), our own format.
 *
 * <pre>
 *  file:   magic "zisk4jBOOKMARKS1" (16 bytes) | record | record | ...
 *  record: kind u8 | payloadLength u32 BE | payload | crc32c u32 BE over kind, length and payload
 *
 *  kind 1 ADD       payload: entry u64 BE | bookmark bytes      (bookmark committed at entry)
 *  kind 2 COVERED   payload: endEntry u64 BE                    (every bookmark below endEntry is logged)
 *  kind 3 TRUNCATE  payload: newTotalEntries u64 BE             (bookmarks at or above it are gone)
 *  kind 4 RECHECK   payload: entry u64 BE                       (entry was rewritten; read it back from the stream)
 * </pre>
 *
 * <p>A record that is cut short or fails its CRC ends the log: it and everything after it are dropped
 * on open (a crash mid-append leaves such a tail).
 */
final class BookmarkLogFormat {
  static final byte[] MAGIC = "zisk4jBOOKMARKS1".getBytes(StandardCharsets.US_ASCII);
  static final byte ADD = 1;
  static final byte COVERED = 2;
  static final byte TRUNCATE = 3;
  static final byte RECHECK = 4;
  /** kind + payloadLength. */
  static final int RECORD_PREFIX = 5;
  static final int CRC_BYTES = 4;
  /** Largest payload accepted on read: an entry number plus one whole data page. */
  static final int MAX_PAYLOAD = 8 + (1 << 20);

  private BookmarkLogFormat() {}

  static int recordLength(int payloadLength) {
    return RECORD_PREFIX + payloadLength + CRC_BYTES;
  }

  /** Appends one record carrying {@code number} and optional {@code key} bytes to {@code dst}. */
  static void put(ByteBuffer dst, byte kind, long number, byte[] key) {
    int start = dst.position();
    int payload = 8 + (key == null ? 0 : key.length);
    dst.put(kind).putInt(payload).putLong(number);
    if (key != null) {
      dst.put(key);
    }
    dst.putInt(crc(dst, start, dst.position() - start));
  }

  static int crc(ByteBuffer b, int from, int length) {
    CRC32C c = new CRC32C();
    c.update(b.duplicate().limit(from + length).position(from));
    return (int) c.getValue();
  }
}

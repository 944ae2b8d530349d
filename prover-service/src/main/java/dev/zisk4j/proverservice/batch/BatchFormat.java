package dev.zisk4j.proverservice.batch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch wire format of {@code batch_l2_data} (prover-service/BATCH.md): the only class that
 * knows its bytes. Big-endian throughout.
 *
 * <pre>
 *  offset 0        1            3
 *        +--------+------------+-------------------------------+
 *        | ver=1  | count u16  | count x transfer (56 bytes)   |
 *        +--------+------------+-------------------------------+
 *  transfer: 0          20         40           48           56
 *            | from[20] | to[20]   | value u64  | nonce u64  |
 * </pre>
 *
 * The parser is strict: the version must be 1, the count at most {@link #MAX_TRANSFERS} and the
 * length exactly {@code 3 + 56·count}; nothing may follow.
 */
public final class BatchFormat {
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 3;
  public static final int TRANSFER_BYTES = 2 * Address.BYTES + 16;
  /** At most this many transfers (3 + 56·500 = 28,003 bytes, under the node's 30,000-byte batch limit). */
  public static final int MAX_TRANSFERS = 500;
  static final int OFF_TO = Address.BYTES;
  static final int OFF_VALUE = 2 * Address.BYTES;
  static final int OFF_NONCE = OFF_VALUE + 8;

  private BatchFormat() {}

  /**
   * Decodes a batch.
   *
   * @throws MalformedBatchException naming the offset and the expectation that failed
   */
  public static Batch decode(byte[] b) throws MalformedBatchException {
    if (b.length < HEADER_BYTES) {
      throw new MalformedBatchException("batch truncated in its header: length=" + b.length + ", header=" + HEADER_BYTES);
    }
    int version = b[0] & 0xff;
    if (version != VERSION) {
      throw new MalformedBatchException("unsupported batch version: version=" + version + ", supported=" + VERSION);
    }
    int count = ((b[1] & 0xff) << 8) | (b[2] & 0xff);
    if (count > MAX_TRANSFERS) {
      throw new MalformedBatchException("too many transfers: count=" + count + ", max=" + MAX_TRANSFERS);
    }
    long expected = HEADER_BYTES + (long) TRANSFER_BYTES * count;
    if (b.length != expected) {
      throw new MalformedBatchException((b.length < expected ? "batch truncated" : "trailing bytes after the batch")
          + ": length=" + b.length + ", expected=" + expected + " for count=" + count);
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    List<Transfer> transfers = new ArrayList<>(count);
    byte[] from = new byte[Address.BYTES];
    byte[] to = new byte[Address.BYTES];
    for (int i = 0; i < count; i++) {
      int off = HEADER_BYTES + i * TRANSFER_BYTES;
      buf.get(off, from);
      buf.get(off + OFF_TO, to);
      transfers.add(new Transfer(Address.of(from), Address.of(to), buf.getLong(off + OFF_VALUE),
          buf.getLong(off + OFF_NONCE)));
    }
    return new Batch(version, transfers);
  }

  /**
   * Encodes transfers as a v1 batch.
   *
   * @throws IllegalArgumentException if there are more than {@link #MAX_TRANSFERS}
   */
  public static byte[] encode(List<Transfer> transfers) {
    if (transfers.size() > MAX_TRANSFERS) {
      throw new IllegalArgumentException("too many transfers: count=" + transfers.size() + ", max=" + MAX_TRANSFERS);
    }
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + TRANSFER_BYTES * transfers.size());
    buf.put((byte) VERSION).putShort((short) transfers.size());
    for (Transfer t : transfers) {
      buf.put(t.from().bytes()).put(t.to().bytes()).putLong(t.value()).putLong(t.nonce());
    }
    return buf.array();
  }
}

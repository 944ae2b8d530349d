package dev.zisk4j.io;

/**
 * The ZisK input record: the one class that knows its bytes.
 *
 * <pre>
 *  0               8                 8+L              8+L+P  (multiple of 8)
 *  +---------------+-----------------+----------------+
 *  | L: u64 LE     | payload, L bytes| zero padding P |
 *  +---------------+-----------------+----------------+
 *  P = (8 - (8 + L) mod 8) mod 8       empty payload: 8 bytes; 1..8: 16; 9: 24
 * </pre>
 *
 * An input is a plain concatenation of records: no magic, no count, no terminator; end of input is
 * the transport's end. Stateless.
 */
public final class RecordFraming {
  /** Size of the length header. */
  public static final int HEADER_BYTES = 8;
  /** Records (and every streamed chunk but a job's last) are multiples of this. */
  public static final int ALIGNMENT = 8;
  /** Largest payload a ZisK guest can receive: its input region is 1 GiB (spec §1.5). */
  public static final long DEFAULT_MAX_PAYLOAD_BYTES = 1L << 30;

  private static final java.lang.invoke.VarHandle U64_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private RecordFraming() {}

  /** Zero bytes following a payload of {@code payloadLength} bytes. */
  public static int paddingBytes(long payloadLength) {
    return (int) ((ALIGNMENT - ((HEADER_BYTES + payloadLength) & (ALIGNMENT - 1))) & (ALIGNMENT - 1));
  }

  /** Whole record size for a payload of {@code payloadLength} bytes: header + payload + padding. */
  public static long recordBytes(long payloadLength) {
    if (payloadLength < 0) {
      throw new IllegalArgumentException("payload length negative: payloadLength=" + payloadLength);
    }
    return HEADER_BYTES + payloadLength + paddingBytes(payloadLength);
  }

  /** Offset of the payload inside a record. */
  public static int payloadOffset() {
    return HEADER_BYTES;
  }

  /** Writes the header for {@code payloadLength} into {@code dst} at {@code offset} (u64 LE). */
  public static void putHeader(byte[] dst, int offset, long payloadLength) {
    U64_LE.set(dst, offset, payloadLength);
  }

  /**
   * Reads a header (any u64 LE word) from {@code src} at {@code offset}: an unsigned value, negative
   * in Java when ≥ 2^63.
   */
  public static long getHeader(byte[] src, int offset) {
    return (long) U64_LE.get(src, offset);
  }

  /** A complete record around {@code payload}, as a new array. */
  public static byte[] frame(byte[] payload) {
    byte[] out = new byte[Math.toIntExact(recordBytes(payload.length))];
    putHeader(out, 0, payload.length);
    System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
    return out;
  }
}

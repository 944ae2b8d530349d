package dev.zisk4j.io;

import java.util.Arrays;

/**
 * The unsent bytes of a {@link ZiskStream}: a growable FIFO addressed by absolute stream position,
 * so a chunk sent while {@link #clear} ran cannot drop bytes written after it. Not thread-safe (the
 * stream guards it).
 */
final class PendingBytes {
  private static final byte[] ZEROS = new byte[RecordFraming.ALIGNMENT];
  private byte[] buf = new byte[4096];
  private int head;
  private int tail;
  /** Absolute stream position of {@code buf[head]}: bytes ever sent or dropped before it. */
  private long headPosition;

  int size() {
    return tail - head;
  }

  long headPosition() {
    return headPosition;
  }

  private void ensure(long extra) {
    if (buf.length - tail >= extra) {
      return;
    }
    int size = size();
    long needed = size + extra;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("unsent input too large: pending=" + size + ", adding=" + extra
          + ", max=" + (Integer.MAX_VALUE - 8) + " (flush more often)");
    }
    if (needed <= buf.length / 2) {
      System.arraycopy(buf, head, buf, 0, size);
    } else {
      byte[] bigger = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * buf.length))];
      System.arraycopy(buf, head, bigger, 0, size);
      buf = bigger;
    }
    head = 0;
    tail = size;
  }

  /** Appends one framed record around {@code src[off..off+len)}. */
  void appendRecord(byte[] src, int off, int len) {
    int padding = RecordFraming.paddingBytes(len);
    ensure(RecordFraming.recordBytes(len));
    RecordFraming.putHeader(buf, tail, len);
    tail += RecordFraming.HEADER_BYTES;
    System.arraycopy(src, off, buf, tail, len);
    tail += len;
    System.arraycopy(ZEROS, 0, buf, tail, padding);
    tail += padding;
  }

  /** Appends bytes verbatim. */
  void appendRaw(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, buf, tail, len);
    tail += len;
  }

  /** Copies up to {@code max} bytes from the head into {@code dst} without consuming them; returns the count. */
  int peek(byte[] dst, int max) {
    int n = Math.min(max, size());
    System.arraycopy(buf, head, dst, 0, n);
    return n;
  }

  /** Drops everything before absolute position {@code position} (bytes that were delivered). */
  void consumeTo(long position) {
    long drop = Math.min(position - headPosition, size());
    if (drop > 0) {
      head += (int) drop;
      headPosition += drop;
      if (head == tail) {
        head = tail = 0;
      }
    }
  }

  /** Drops every unsent byte. */
  void clear() {
    headPosition += size();
    head = tail = 0;
    if (buf.length > (1 << 20)) {
      buf = new byte[4096];
    }
  }

  /** A view (no copy) of the bytes from {@code offset} past the head; valid until the next change. */
  java.io.InputStream viewFrom(int offset) {
    return new java.io.ByteArrayInputStream(buf, head + offset, size() - offset);
  }

  /** A copy of the unsent bytes. */
  byte[] toByteArray() {
    return Arrays.copyOfRange(buf, head, tail);
  }
}

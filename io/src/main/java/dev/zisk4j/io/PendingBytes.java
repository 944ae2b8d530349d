package dev.zisk4j.io;

import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * Buffered input bytes in native memory: a growable FIFO addressed by absolute stream position.
 *
 * <p>Why native: a transport can send straight from a {@link #lendHead} view (a direct buffer)
 * without another copy. While a view is lent, bytes under it are never moved or overwritten: growth
 * moves to a new segment (the lent view keeps the old one alive), and {@link #clear} does not rewind.
 * Positions are absolute, so a view sent while {@link #clear} ran cannot drop later bytes.
 * Not thread-safe (the owner guards it).
 */
final class PendingBytes {
  private static final ValueLayout.OfLong U64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
  private MemorySegment buf = allocate(4096);
  private long head;
  private long tail;
  /** Absolute stream position of {@code buf[head]}: bytes ever sent or dropped before it. */
  private long headPosition;
  private boolean lent;

  private static MemorySegment allocate(long bytes) {
    return Arena.ofAuto().allocate(bytes, 8);
  }

  int size() {
    return (int) (tail - head);
  }

  long headPosition() {
    return headPosition;
  }

  private void ensure(long extra) {
    if (buf.byteSize() - tail >= extra) {
      return;
    }
    long size = size();
    long needed = size + extra;
    if (needed > MAX_BYTES) {
      throw new IllegalStateException("buffered input too large: buffered=" + size + ", adding=" + extra
          + ", max=" + MAX_BYTES + " (flush more often)");
    }
    if (!lent && needed <= buf.byteSize() / 2) {
      MemorySegment.copy(buf, head, buf, 0, size);
    } else {
      MemorySegment bigger = allocate(Math.min(MAX_BYTES, Math.max(needed, 2L * buf.byteSize())));
      MemorySegment.copy(buf, head, bigger, 0, size);
      buf = bigger;
    }
    head = 0;
    tail = size;
  }

  /** Appends one framed record around {@code src[off..off+len)}. */
  void appendRecord(byte[] src, int off, int len) {
    int padding = RecordFraming.paddingBytes(len);
    ensure(RecordFraming.recordBytes(len));
    buf.set(U64_LE, tail, len);
    tail += RecordFraming.HEADER_BYTES;
    MemorySegment.copy(src, off, buf, ValueLayout.JAVA_BYTE, tail, len);
    tail += len;
    for (int i = 0; i < padding; i++) {
      buf.set(ValueLayout.JAVA_BYTE, tail++, (byte) 0);
    }
  }

  /** Appends bytes verbatim. */
  void appendRaw(byte[] src, int off, int len) {
    ensure(len);
    MemorySegment.copy(src, off, buf, ValueLayout.JAVA_BYTE, tail, len);
    tail += len;
  }

  /**
   * A read-only direct view of up to {@code max} bytes at the head, not consumed; the bytes under it
   * stay put until {@link #release}. At most one view is lent at a time.
   */
  ByteBuffer lendHead(int max) {
    if (lent) {
      throw new IllegalStateException("a view is already lent");
    }
    lent = true;
    return buf.asSlice(head, Math.min(max, size())).asByteBuffer().asReadOnlyBuffer();
  }

  /** Ends the current loan. */
  void release() {
    lent = false;
  }

  /** Drops everything before absolute position {@code position} (bytes that were delivered). */
  void consumeTo(long position) {
    long drop = Math.min(position - headPosition, size());
    if (drop > 0) {
      head += drop;
      headPosition += drop;
    }
    if (head == tail && !lent) {
      head = tail = 0;
    }
  }

  /** Drops every buffered byte. */
  void clear() {
    headPosition += size();
    head = tail;
    if (!lent) {
      head = tail = 0;
      if (buf.byteSize() > (1 << 20)) {
        buf = allocate(4096);
      }
    }
  }

  /** A stream over the bytes from {@code offset} past the head (no copy); valid until the next change. */
  InputStream viewFrom(int offset) {
    ByteBuffer view = buf.asSlice(head + offset, size() - offset).asByteBuffer();
    return new InputStream() {
      @Override
      public int read() {
        return view.hasRemaining() ? view.get() & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (!view.hasRemaining()) {
          return -1;
        }
        int n = Math.min(len, view.remaining());
        view.get(b, off, n);
        return n;
      }
    };
  }

  /** A copy of the buffered bytes. */
  byte[] toByteArray() {
    return buf.asSlice(head, size()).toArray(ValueLayout.JAVA_BYTE);
  }
}

package dev.zisk4j.datastream.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads committed entries in order from a starting number, through a private read buffer.
 * {@link #next()} returns null at the committed end as of that call; a later call continues after
 * new commits, so catch-up and live reading are the same loop. One thread per cursor.
 *
 * <p>Reads stop exactly at the committed end ({@code number == totalEntries}), never one entry
 * further as the reference's iterator does (spec §2.4). A truncate below the cursor's position
 * makes the next call throw {@link StreamTruncatedException}.
 */
public final class EntryCursor implements AutoCloseable {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final DataStream stream;
  private final StreamFile file;
  // Direct: a read fills it without the JDK's hidden copy through a temporary direct buffer, and
  // nextRun() hands slices of it to a socket channel, which then writes them without a copy either.
  private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
  /** The view nextRun() returns; re-pointed at each call, so a run costs no allocation. */
  private ByteBuffer run = buffer.duplicate();
  /** File offset of buffer byte 0; the buffer holds [bufferStart, bufferStart + limit). */
  private long bufferStart;
  private long position;
  private long nextNumber;
  private int seenTruncations;

  EntryCursor(DataStream stream, StreamFile file, long from, long position, int seenTruncations) {
    this.stream = stream;
    this.file = file;
    this.nextNumber = from;
    this.position = position;
    this.seenTruncations = seenTruncations;
    this.bufferStart = position;
    buffer.limit(0);
  }

  /** The number of the entry the next call returns. */
  public long nextNumber() {
    return nextNumber;
  }

  /**
   * The next committed entry, or null if the cursor is at the committed end.
   *
   * @throws StreamTruncatedException if a truncate removed entries this cursor already passed
   * @throws IOException if the file is corrupt (the message names offset and value) or unreadable
   */
  public StreamEntry next() throws IOException {
    int rel = bufferNextEntry();
    if (rel < 0) {
      return null;
    }
    int len = buffer.getInt(rel + EntryPacket.OFFSET_LENGTH);
    buffer.position(rel);
    StreamEntry e = EntryPacket.decode(EntryPacket.DATA, buffer, position);
    position += len;
    nextNumber++;
    return e;
  }

  /** {@link #copyNext} result: the cursor is at the committed end. */
  public static final long END = -1;
  /** {@link #copyNext} result: the next entry is larger than the room left in the destination. */
  public static final long NO_ROOM = -2;

  /**
   * Copies the next committed entry's bytes, undecoded, into {@code dst}: the §2.2 layout with
   * packet type DATA, which is also the live-stream packet, so a server can send file bytes as
   * they are (no per-entry allocation). Padding is skipped, never copied.
   *
   * @return the copied entry's number, {@link #END} at the committed end, or {@link #NO_ROOM}
   *     (nothing copied, the cursor does not move) when {@code dst} has less room than the entry
   * @throws StreamTruncatedException as {@link #next()}
   * @throws IOException as {@link #next()}
   */
  public long copyNext(ByteBuffer dst) throws IOException {
    int rel = bufferNextEntry();
    if (rel < 0) {
      return END;
    }
    int len = buffer.getInt(rel + EntryPacket.OFFSET_LENGTH);
    if (dst.remaining() < len) {
      return NO_ROOM;
    }
    dst.put(dst.position(), buffer, rel, len);
    dst.position(dst.position() + len);
    long n = nextNumber;
    position += len;
    nextNumber++;
    return n;
  }

  /**
   * The next run of whole committed entries as the file holds them (§2.2 layout, packet type DATA,
   * i.e. ready-made live-stream packets): as many consecutive entries as the read buffer holds, up to
   * the committed end and never across page padding, which is skipped. After the call
   * {@link #nextNumber()} is one past the run's last entry, so the run holds
   * {@code nextNumber() - before} entries.
   *
   * <p>The returned buffer is a view of this cursor's buffer (reused, so a run costs no allocation):
   * the caller may move its position but must not write to it, and it is valid until the next call
   * on this cursor. Its bytes were read consistently with in-place changes (truncate,
   * {@code updateEntryData}), as {@link #next()} reads them.
   *
   * @return the run (position..limit), or null at the committed end
   * @throws StreamTruncatedException as {@link #next()}
   * @throws IOException as {@link #next()}
   */
  public ByteBuffer nextRun() throws IOException {
    int start = bufferNextEntry();
    if (start < 0) {
      return null;
    }
    long total = stream.header().totalEntries();
    int rel = start;
    int limit = buffer.limit();
    while (true) {
      int len = buffer.getInt(rel + EntryPacket.OFFSET_LENGTH);
      rel += len;
      position += len;
      nextNumber++;
      // Take the following entry too if it is committed, whole in the buffer and not padding.
      if (nextNumber >= total || limit - rel < EntryPacket.HEADER_BYTES || buffer.get(rel) == EntryPacket.PADDING) {
        break;
      }
      int next = EntryPacket.checkPrefix(EntryPacket.DATA, buffer, rel, position);
      if (limit - rel < next) {
        break;
      }
      long number = EntryPacket.numberAt(buffer, rel);
      if (number != nextNumber) {
        throw new EntryFormatException("entry number out of sequence: file=" + file.path() + ", offset="
            + position + ", number=" + number + ", expected=" + nextNumber);
      }
    }
    return run.limit(rel).position(start);
  }

  /**
   * Makes the whole next committed entry available in the buffer, checked (packet type, length,
   * number), and returns its offset in the buffer; -1 at the committed end.
   */
  private int bufferNextEntry() throws IOException {
    checkTruncations();
    StreamHeader h = stream.header();
    if (nextNumber >= h.totalEntries()) {
      return -1;
    }
    while (true) {
      int rel = (int) (position - bufferStart);
      int needed = EntryPacket.HEADER_BYTES;
      if (rel >= 0 && rel < buffer.limit()) {
        if (buffer.get(rel) == EntryPacket.PADDING) {
          position = StreamFileLayout.pageStart(StreamFileLayout.pageOf(position) + 1);
          continue;
        }
        if (buffer.limit() - rel >= EntryPacket.HEADER_BYTES) {
          int len = EntryPacket.checkPrefix(EntryPacket.DATA, buffer, rel, position);
          needed = len;
          if (buffer.limit() - rel >= len) {
            long number = EntryPacket.numberAt(buffer, rel);
            if (number != nextNumber) {
              throw new EntryFormatException("entry number out of sequence: file=" + file.path() + ", offset="
                  + position + ", number=" + number + ", expected=" + nextNumber);
            }
            return rel;
          }
        }
      }
      if (position >= h.totalLength()) {
        throw new EntryFormatException("committed end reached before entry: file=" + file.path() + ", offset="
            + position + ", expected=" + nextNumber + ", totalEntries=" + h.totalEntries());
      }
      fill(h, needed);
    }
  }

  /** Reads [position, min(totalLength, position + capacity)) into the buffer, consistently with in-place changes. */
  private void fill(StreamHeader h, int needed) throws IOException {
    if (needed > buffer.capacity()) {
      // An entry larger than the buffer: grow to fit it (entries never exceed one page).
      buffer = ByteBuffer.allocateDirect(Math.min(EntryPacket.MAX_LENGTH, Math.max(needed, buffer.capacity() * 2)));
      run = buffer.duplicate();
    }
    int want = (int) Math.min(h.totalLength() - position, buffer.capacity());
    if (want < needed) {
      throw new EntryFormatException("entry runs past the committed end: file=" + file.path() + ", offset="
          + position + ", length=" + needed + ", totalLength=" + h.totalLength());
    }
    while (true) {
      long seq = stream.stableSeq();
      buffer.clear().limit(want);
      file.readFully(buffer, position);
      buffer.flip();
      bufferStart = position;
      if (stream.changeSeq() == seq) {
        return;
      }
      checkTruncations();
    }
  }

  private void checkTruncations() {
    List<Long> cuts = stream.truncations();
    int size = cuts.size();
    if (size == seenTruncations) {
      return;
    }
    long lowest = Long.MAX_VALUE;
    for (int i = seenTruncations; i < size; i++) {
      lowest = Math.min(lowest, cuts.get(i));
    }
    seenTruncations = size;
    buffer.limit(0);
    bufferStart = position;
    if (nextNumber > lowest) {
      throw new StreamTruncatedException(nextNumber, lowest);
    }
  }

  @Override
  public void close() {
    buffer = ByteBuffer.allocate(0);
  }
}

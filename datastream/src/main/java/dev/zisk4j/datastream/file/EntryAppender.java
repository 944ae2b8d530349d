package dev.zisk4j.datastream.file;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Places new entries in the file after the sealed end (spec §2.3 placement and padding), staging
 * them in one direct buffer that is written with a single positional write per flush. Not
 * thread-safe: only the thread that owns the open atomic operation uses it.
 */
final class EntryAppender {
  private final StreamFile file;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(2 * StreamFileLayout.DATA_PAGE_BYTES);
  /** File offset of buffer byte 0. */
  private long bufferStart;
  /** File offset where the next entry (or padding) goes. */
  private long position;
  private long nextNumber;

  EntryAppender(StreamFile file, StreamHeader sealed) {
    this.file = file;
    reset(sealed);
  }

  /** Drops everything staged and continues after {@code sealed}'s end. */
  void reset(StreamHeader sealed) {
    buffer.clear();
    position = sealed.totalLength();
    bufferStart = position;
    nextNumber = sealed.totalEntries();
  }

  long position() {
    return position;
  }

  long nextNumber() {
    return nextNumber;
  }

  /**
   * Stages one entry and returns its number.
   *
   * @throws ProducerRuleException {@code ENTRY_TOO_LARGE} if it would not fit in one data page
   */
  long append(int type, byte[] data) throws IOException {
    int length = EntryPacket.HEADER_BYTES + data.length;
    if (data.length > EntryPacket.MAX_DATA) {
      throw new ProducerRuleException(ProducerRuleException.Rule.ENTRY_TOO_LARGE,
          "entry length=" + length + " exceeds one data page, max=" + EntryPacket.MAX_LENGTH);
    }
    if (StreamFileLayout.needsPadding(position, length)) {
      long remaining = StreamFileLayout.remainingInPage(position);
      if (remaining > 0) {
        buffer.put(EntryPacket.PADDING);
      }
      flush();
      position += remaining;
      bufferStart = position;
    } else if (buffer.remaining() < length) {
      flush();
    }
    long number = nextNumber;
    EntryPacket.encode(EntryPacket.DATA, type, number, data, buffer);
    position += length;
    nextNumber++;
    return number;
  }

  /** Writes everything staged to the file (page cache), growing the file as needed. */
  void flush() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    file.ensureCapacity(bufferStart + buffer.remaining());
    long start = bufferStart;
    bufferStart += buffer.remaining();
    file.writeFully(buffer, start);
    buffer.clear();
  }
}

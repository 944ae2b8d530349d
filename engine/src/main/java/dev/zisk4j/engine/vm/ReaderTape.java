package dev.zisk4j.engine.vm;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.io.InputReader;
import java.io.IOException;

/**
 * An {@link InputTape} over io's {@link InputReader}: raw 8-byte words of the host's framed stream,
 * read live (a READ blocks until the word has arrived), 0 once the producer has closed the stream.
 * Words are fetched in batches so a READ is usually an array access.
 */
public final class ReaderTape implements InputTape {
  private final InputReader reader;
  private final long[] buffer = new long[4096];
  private int next;
  private int filled;
  private boolean ended;
  private long position;

  public ReaderTape(InputReader reader) {
    this.reader = reader;
  }

  @Override
  public long next() throws IOException {
    position++;
    if (next == filled) {
      if (ended) {
        return 0;
      }
      int got = reader.readWords(buffer, 0, buffer.length);
      if (got < 0) {
        ended = true;
        return 0;
      }
      next = 0;
      filled = got;
    }
    return Goldilocks.reduce64(buffer[next++]);
  }

  @Override
  public long position() {
    return position;
  }
}

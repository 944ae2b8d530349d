package dev.zisk4j.engine.vm;

import java.io.IOException;
import java.util.Arrays;

/**
 * Wraps a tape and keeps the values read since the last {@link #take()}: the planner uses it to cut
 * the input slice each segment reads, so a worker needs no more input than its segment's.
 */
public final class RecordingTape implements InputTape {
  private final InputTape inner;
  private long[] seen = new long[256];
  private int count;

  public RecordingTape(InputTape inner) {
    this.inner = inner;
  }

  @Override
  public long next() throws IOException {
    long v = inner.next();
    if (count == seen.length) {
      seen = Arrays.copyOf(seen, count * 2);
    }
    seen[count++] = v;
    return v;
  }

  @Override
  public long position() {
    return inner.position();
  }

  /** The values read since the previous call, and forgets them. */
  public long[] take() {
    long[] out = Arrays.copyOf(seen, count);
    count = 0;
    return out;
  }
}

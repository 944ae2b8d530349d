package dev.zisk4j.engine.vm;

import java.util.Arrays;

/** The guest's output: one field element per WRITE, appended in order. Not thread-safe. */
public final class OutputTape {
  private long[] values = new long[16];
  private int size;

  /** Appends one element. */
  public void append(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  /** Number of elements written. */
  public int size() {
    return size;
  }

  /** A copy of the elements. */
  public long[] toArray() {
    return Arrays.copyOf(values, size);
  }
}

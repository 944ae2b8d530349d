package dev.zisk4j.engine.vm;

import dev.zisk4j.engine.field.Goldilocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** An {@link InputTape} over input bytes held in memory, zero-padded to a multiple of 8. */
public final class WordTape implements InputTape {
  private final long[] words;
  private long position;

  private WordTape(long[] words) {
    this.words = words;
  }

  /** A tape over raw input bytes; a ragged tail is zero-padded to a whole word. */
  public static WordTape ofBytes(byte[] input) {
    return new WordTape(words(input));
  }

  /** A tape over words (as u64); values ≥ p read reduced. */
  public static WordTape ofWords(long... words) {
    return new WordTape(words.clone());
  }

  /** The input bytes as 8-byte little-endian words, zero-padding a ragged tail. */
  public static long[] words(byte[] input) {
    long[] w = new long[(input.length + 7) / 8];
    ByteBuffer buf = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
    int full = input.length / 8;
    for (int i = 0; i < full; i++) {
      w[i] = buf.getLong(i * 8);
    }
    for (int i = full * 8; i < input.length; i++) {
      w[full] |= (input[i] & 0xFFL) << (8 * (i - full * 8));
    }
    return w;
  }

  @Override
  public long next() {
    long p = position++;
    return p < words.length ? Goldilocks.reduce64(words[(int) p]) : 0;
  }

  @Override
  public long position() {
    return position;
  }

  /** Number of words on the tape (before the implicit zeros). */
  public int length() {
    return words.length;
  }
}

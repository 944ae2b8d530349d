package dev.zisk4j.engine.vm;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.io.InputReader;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An {@link InputTape} over io's {@link InputReader}: raw 8-byte words of the host's framed stream,
 * read live (a READ blocks until the word has arrived), 0 once the producer has closed the stream.
 * Words are fetched in batches so a READ is usually an array access.
 *
 * <p>It also hashes every word it fetches (8 bytes LE, i.e. the input zero-padded to whole words)
 * and counts them, so a statement's inputDigest and inputWords can be had without keeping the input:
 * call {@link #drain()} after the run to take in what the guest did not read.
 */
public final class ReaderTape implements InputTape {
  private final InputReader reader;
  private final long[] buffer = new long[4096];
  private final byte[] le = new byte[8];
  private final MessageDigest sha;
  private int next;
  private int filled;
  private boolean ended;
  private long position;
  private long words;

  public ReaderTape(InputReader reader) {
    this.reader = reader;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  private boolean fill() throws IOException {
    int got = reader.readRecordWords(buffer, 0, buffer.length); // framing checked as the words pass
    if (got < 0) {
      ended = true;
      return false;
    }
    for (int i = 0; i < got; i++) {
      long w = buffer[i];
      for (int b = 0; b < 8; b++) {
        le[b] = (byte) (w >>> (8 * b));
      }
      sha.update(le);
    }
    words += got;
    next = 0;
    filled = got;
    return true;
  }

  /**
   * Reads the rest of the input to its end (the producer closing), hashing it.
   *
   * @throws IOException if the stream fails
   */
  public void drain() throws IOException {
    next = filled;
    while (!ended) {
      fill();
      next = filled;
    }
  }

  /**
   * SHA-256 of all words fetched so far (after {@link #drain()}: of the whole input, zero-padded to
   * whole words). Can be called once.
   */
  public byte[] digest() {
    return sha.digest();
  }

  /** Input words fetched so far (after {@link #drain()}: the input's length in words). */
  public long words() {
    return words;
  }

  @Override
  public long next() throws IOException {
    position++;
    if (next == filled && (ended || !fill())) {
      return 0;
    }
    return Goldilocks.reduce64(buffer[next++]);
  }

  @Override
  public long position() {
    return position;
  }
}

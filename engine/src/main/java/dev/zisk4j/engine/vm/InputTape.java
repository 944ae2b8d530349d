package dev.zisk4j.engine.vm;

import java.io.IOException;

/**
 * The VM's input tape: a sequence of 8-byte little-endian words of the host's input stream
 * (engine.md §2.2). READ returns {@code w mod p}; past the end the tape reads 0.
 *
 * <p>Implementations may block until the next word arrives (a live stream). Not thread-safe: one
 * executor reads a tape.
 */
public interface InputTape {
  /**
   * The next word reduced mod p, or 0 past the end; advances {@link #position()}.
   *
   * @throws IOException if the underlying stream fails (not at a clean end of input)
   */
  long next() throws IOException;

  /** Number of words consumed so far (including reads past the end). */
  long position();
}

package dev.zisk4j.io;

import java.io.IOException;

/**
 * Input for a proving or execution job: buffered ({@link ZiskStdin}) or live ({@link ZiskStream}).
 * Every API that takes input takes this, so callers can pass either.
 */
public sealed interface InputSource permits ZiskStdin, ZiskStream {

  /**
   * A reader over this input, as a prover consumes it: for {@link ZiskStdin} an in-memory reader over
   * its bytes; for {@link ZiskStream} a reader connected to its {@code uri()} (the consuming side).
   *
   * @throws IOException if the stream's transport cannot be reached
   */
  InputReader openReader() throws IOException;
}

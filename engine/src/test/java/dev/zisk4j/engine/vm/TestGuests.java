package dev.zisk4j.engine.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the example guests and frames test input the way a host's ZiskStdin does. */
public final class TestGuests {
  private TestGuests() {}

  /** The repository's examples/guests directory, found by walking up from the working directory. */
  public static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("examples/guests");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/guests not found above " + Path.of("").toAbsolutePath());
  }

  /** Source text of examples/guests/NAME.zasm. */
  public static String source(String name) {
    try {
      return Files.readString(dir().resolve(name + ".zasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** log2 of the RAM the tests give the examples (64 words, so they fit segments of 2^9 rows). */
  public static final int LOG_MEMORY = 6;

  /** The assembler the tests use: programs without {@code .memory} get 64 words of RAM. */
  public static Assembler assembler() {
    return new Assembler().withDefaultLogMemoryWords(LOG_MEMORY);
  }

  /** The assembled example, with 64 words of RAM. */
  public static ProgramImage image(String name) {
    try {
      return assembler().assemble(source(name));
    } catch (AsmException e) {
      throw new IllegalStateException(name + ": " + e.getMessage(), e);
    }
  }

  /** Framed input: each record is u64 length (8·words) then its words, all little-endian. */
  public static byte[] records(long[]... records) {
    int words = 0;
    for (long[] r : records) {
      words += 1 + r.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long[] r : records) {
      buf.putLong(8L * r.length);
      for (long w : r) {
        buf.putLong(w);
      }
    }
    return buf.array();
  }
}

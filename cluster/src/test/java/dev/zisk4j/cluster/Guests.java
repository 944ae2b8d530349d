package dev.zisk4j.cluster;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.Assembler;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's example guests, small enough (64 words of RAM, segments of 2^9 rows) for tests. */
final class Guests {
  private Guests() {}

  /** Segments of 2^9 rows: several segments from a short input, seconds per job. */
  static final ProveOptions OPTIONS = new ProveOptions(9, ProofOptions.DEFAULT, InputMode.PUBLIC, 64);

  static ProgramImage image(String name) throws Exception {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("examples/guests/" + name + ".zasm");
      if (Files.isRegularFile(f)) {
        return new Assembler().withDefaultLogMemoryWords(6).assemble(Files.readString(f));
      }
    }
    throw new IllegalStateException("examples/guests/" + name + ".zasm not found");
  }

  /** One framed record: u64 length in bytes, then the words, little-endian. */
  static byte[] record(long... words) {
    ByteBuffer b = ByteBuffer.allocate(8 * (words.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(8L * words.length);
    for (long w : words) {
      b.putLong(w);
    }
    return b.array();
  }
}

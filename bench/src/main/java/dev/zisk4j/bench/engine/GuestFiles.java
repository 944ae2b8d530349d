package dev.zisk4j.bench.engine;

import dev.zisk4j.engine.vm.Assembler;
import dev.zisk4j.engine.vm.ProgramImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Loads example guests (examples/guests, found above the working directory) and builds inputs. */
public final class GuestFiles {
  private GuestFiles() {}

  static ProgramImage image(String name) throws Exception {
    return new Assembler().assembleFile(path(name));
  }

  /**
   * The example with 2^logM words of RAM: the benchmarks give mix.zasm M = N/4, the most a segment of N
   * rows holds, as the figures in docs/performance.md were measured before programs carried their RAM size.
   */
  static ProgramImage image(String name, int logM) throws Exception {
    return image(name).withLogMemoryWords(logM);
  }

  /** The path of examples/guests/NAME.zasm, searched upwards from the working directory. */
  public static Path path(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path g = p.resolve("examples/guests/" + name + ".zasm");
      if (Files.exists(g)) {
        return g;
      }
    }
    throw new IllegalStateException("examples/guests/" + name + ".zasm not found above " + Path.of("").toAbsolutePath());
  }

  /** One framed record of {@code words} seeded random u64 words, then an end-of-input header. */
  static byte[] randomRecord(int words, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocate(8 * (words + 2)).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(8L * words);
    for (int i = 0; i < words; i++) {
      b.putLong(rnd.nextLong());
    }
    b.putLong(0);
    return b.array();
  }
}

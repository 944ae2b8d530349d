package dev.zisk4j.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the example guests from {@code examples/guests/} at the repository root. */
final class Guests {
  private Guests() {}

  /** The example with 64 words of RAM (".memory 64" prepended), so it proves in segments of 2^10 rows. */
  static GuestProgram load(String name) {
    Path file = find(name);
    try {
      return GuestProgram.fromSource(name + ".zasm", ".memory 64\n" + Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example as written (1024 words of RAM, the assembler's default). */
  static GuestProgram loadAsWritten(String name) {
    try {
      return GuestProgram.fromFile(find(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path find(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/guests"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("examples/guests not found above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("examples/guests/" + name + ".zasm");
  }
}

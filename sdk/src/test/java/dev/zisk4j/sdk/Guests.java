package dev.zisk4j.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the example guests from {@code examples/guests/} at the repository root. */
final class Guests {
  private Guests() {}

  static GuestProgram load(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/guests"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("examples/guests not found above " + Path.of("").toAbsolutePath());
    }
    try {
      return GuestProgram.fromFile(dir.resolve("examples/guests/" + name + ".zasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.zisk4j.datastream.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/fixtures} by walking up from the working directory; fails loudly if absent. */
public final class Fixtures {
  private Fixtures() {}

  /** The {@code shared/fixtures/datastream} directory. */
  public static Path datastream() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/fixtures/datastream");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path sibling = p.resolveSibling("shared").resolve("fixtures/datastream");
      if (Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    throw new IllegalStateException("shared/fixtures/datastream not found walking up from " + dir
        + " (expected the shared repo as a sibling of the repo root)");
  }
}

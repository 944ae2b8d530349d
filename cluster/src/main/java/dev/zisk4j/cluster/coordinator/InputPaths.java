package dev.zisk4j.cluster.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Resolves a client-given input path under the inputs folder, refusing escapes (cluster.md §3). */
final class InputPaths {
  /** Largest inline or path input (design §3: 128 MiB inline). */
  static final long MAX_INPUT_BYTES = 128L << 20;

  private InputPaths() {}

  /** The file's bytes. @throws IllegalArgumentException naming path and root for any refusal */
  static byte[] read(Path root, String path) {
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("input_path contains NUL");
    }
    Path p;
    try {
      p = root.resolve(path).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("input_path " + path + " is not a path: " + e.getMessage());
    }
    try {
      Path realRoot = root.toRealPath();
      if (!p.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("input_path " + path + " lies outside the inputs folder " + realRoot);
      }
      Path real = p.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new IllegalArgumentException("input_path " + path + " resolves (through a link) outside the inputs folder "
            + realRoot);
      }
      if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException("input_path " + path + " is not a regular file (inputs folder " + realRoot + ")");
      }
      long size = Files.size(real);
      if (size > MAX_INPUT_BYTES) {
        throw new IllegalArgumentException("input_path " + path + " has " + size + " bytes, more than " + MAX_INPUT_BYTES);
      }
      return Files.readAllBytes(real);
    } catch (IOException e) {
      throw new IllegalArgumentException("input_path " + path + " cannot be read under the inputs folder " + root
          + ": " + e.getMessage());
    }
  }
}

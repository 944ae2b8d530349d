package dev.zisk4j.cli.engine;

import dev.zisk4j.engine.vm.AsmException;
import dev.zisk4j.engine.vm.Assembler;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.ProgramImageFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Loads a PROGRAM argument: a JZKP image (recognised by its magic) or {@code .zasm} source. */
public final class ProgramFiles {
  private ProgramFiles() {}

  /**
   * A whole file, with a clear message for a missing one.
   *
   * @param what what the file is for ("program", "--input", ...), for the message
   * @throws IllegalArgumentException if the file does not exist
   */
  public static byte[] read(Path file, String what) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(what + " file not found: " + file, e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the file and the assembler's line/column or the loader's
   *     reason
   */
  public static ProgramImage load(Path file) throws IOException {
    byte[] bytes = read(file, "program");
    if (bytes.length >= 4 && Arrays.equals(bytes, 0, 4, ProgramImageFormat.MAGIC, 0, 4)) {
      try {
        return ProgramImage.decode(bytes);
      } catch (MalformedImageException e) {
        throw new IllegalArgumentException(file + ": invalid program image: " + e.getMessage(), e);
      }
    }
    try {
      return new Assembler().assemble(new String(bytes, StandardCharsets.UTF_8), file);
    } catch (AsmException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}

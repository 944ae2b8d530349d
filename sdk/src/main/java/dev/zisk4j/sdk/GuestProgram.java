package dev.zisk4j.sdk;

import dev.zisk4j.engine.vm.AsmException;
import dev.zisk4j.engine.vm.Assembler;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.ProgramImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A guest program: a loaded engine image and a name for messages. Immutable.
 *
 * <p>Built from a {@code .zasm} source file (assembled on load) or a binary image ("JZKP"); its
 * identity is {@link #imageId()}, the SHA-256 of the image, which proofs bind.
 */
public final class GuestProgram {
  private final String name;
  private final ProgramImage image;

  private GuestProgram(String name, ProgramImage image) {
    this.name = Objects.requireNonNull(name, "name");
    this.image = Objects.requireNonNull(image, "image");
  }

  /**
   * Loads a program file: {@code .zasm} is assembled, anything else is read as an image.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the source does not assemble (message names line and column)
   *     or the image is malformed
   */
  public static GuestProgram fromFile(Path path) throws IOException {
    String name = path.getFileName().toString();
    byte[] bytes = Files.readAllBytes(path);
    if (name.endsWith(".zasm")) {
      return fromSource(name, new String(bytes, StandardCharsets.UTF_8));
    }
    try {
      return new GuestProgram(name, ProgramImage.decode(bytes));
    } catch (MalformedImageException e) {
      throw new IllegalArgumentException(path + ": not a program image: " + e.getMessage(), e);
    }
  }

  /** Assembles {@code .zasm} source; {@code name} appears in error messages. */
  public static GuestProgram fromSource(String name, String source) {
    try {
      return new GuestProgram(name, new Assembler().assemble(source));
    } catch (AsmException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  public static GuestProgram fromImage(String name, ProgramImage image) {
    return new GuestProgram(name, image);
  }

  public String name() {
    return name;
  }

  public ProgramImage image() {
    return image;
  }

  /** SHA-256 of the image: the program identity a proof binds. */
  public byte[] imageId() {
    return image.imageId();
  }

  public String imageIdHex() {
    return HexFormat.of().formatHex(image.imageId());
  }

  @Override
  public String toString() {
    return name + " (" + imageIdHex().substring(0, 16) + "…)";
  }
}

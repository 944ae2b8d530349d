package dev.zisk4j.sdk;

import dev.zisk4j.engine.vmair.InputMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * A proof of one run: the engine's bundle ("JZKB") for {@code program}, the outputs it proves, and,
 * in public-input mode, the input bytes the verifier needs (they are part of the public statement:
 * the bundle commits to their SHA-256, and verification reads them).
 *
 * <p>{@link #save} writes the bundle alone, the file {@code zisk4j verify PROGRAM PROOF --input IN}
 * checks; {@link #load} reads it back.
 */
public final class Proof {
  private final GuestProgram program;
  private final byte[] bundle;
  private final long[] outputs;
  private final InputMode inputMode;
  private final byte[] publicInput;

  Proof(GuestProgram program, byte[] bundle, long[] outputs, InputMode inputMode, byte[] publicInput) {
    this.program = Objects.requireNonNull(program, "program");
    this.bundle = bundle.clone();
    this.outputs = outputs.clone();
    this.inputMode = Objects.requireNonNull(inputMode, "inputMode");
    if (inputMode == InputMode.PUBLIC && publicInput == null) {
      throw new IllegalArgumentException("a public-input proof needs its input bytes");
    }
    this.publicInput = publicInput == null ? null : publicInput.clone();
  }

  /**
   * Loads a saved public-input bundle for {@code program}: it will verify only as a proof about these
   * input bytes.
   *
   * @throws IOException if the file cannot be read
   */
  public static Proof loadPublic(GuestProgram program, Path bundleFile, byte[] publicInput) throws IOException {
    return new Proof(program, Files.readAllBytes(bundleFile), new long[0], InputMode.PUBLIC,
        Objects.requireNonNull(publicInput, "publicInput"));
  }

  /**
   * Loads a saved private-input bundle for {@code program}: it will verify only as a proof that some
   * input gives its outputs. The mode is explicit so that a forgotten input cannot change the claim.
   *
   * @throws IOException if the file cannot be read
   */
  public static Proof loadPrivate(GuestProgram program, Path bundleFile) throws IOException {
    return new Proof(program, Files.readAllBytes(bundleFile), new long[0], InputMode.PRIVATE, null);
  }

  /**
   * A proof from bundle bytes held in memory (e.g. received in a message) for {@code program}.
   *
   * @param publicInput the input bytes for a public-input proof; null for a private-input one
   */
  public static Proof of(GuestProgram program, byte[] bundle, byte[] publicInput) {
    InputMode mode = publicInput == null ? InputMode.PRIVATE : InputMode.PUBLIC;
    return new Proof(program, bundle, new long[0], mode, publicInput);
  }

  /** Writes the bundle to {@code path} atomically (a temporary file, then a rename). */
  public void save(Path path) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.write(tmp, bundle);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public GuestProgram program() {
    return program;
  }

  /** The serialised bundle. */
  public byte[] bytes() {
    return bundle.clone();
  }

  public int size() {
    return bundle.length;
  }

  /** The outputs the prover claimed (empty for a loaded proof until it is verified). */
  public long[] outputs() {
    return outputs.clone();
  }

  public InputMode inputMode() {
    return inputMode;
  }

  /** The public input bytes, or null in private-input mode. */
  public byte[] publicInput() {
    return publicInput == null ? null : publicInput.clone();
  }

  @Override
  public String toString() {
    return "Proof[" + program + ", " + bundle.length + " bytes, outputs=" + Arrays.toString(outputs) + "]";
  }
}

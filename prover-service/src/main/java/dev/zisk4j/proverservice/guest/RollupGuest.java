package dev.zisk4j.proverservice.guest;

import dev.zisk4j.sdk.GuestProgram;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The service's default guest: the sparse-Merkle-tree rollup of BATCH.md,
 * {@code examples/guests/rollup.zasm}, shipped in this module's jar (the build copies it beside this
 * class). It reads guest input v2 ({@link GuestInput}) and writes the new state root as outputs 0..3.
 */
public final class RollupGuest {
  /** The guest's file name, in {@code examples/guests/} and beside this class in the jar. */
  public static final String FILE = "rollup.zasm";

  private RollupGuest() {}

  /**
   * The rollup guest, assembled.
   *
   * @throws IllegalStateException if the jar lacks the guest (a build that skipped its resources) or
   *     it does not assemble
   */
  public static GuestProgram load() {
    try (InputStream in = RollupGuest.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("the rollup guest " + FILE + " is missing from the classpath beside "
            + RollupGuest.class.getName() + " (the prover-service build copies it from examples/guests)");
      }
      return GuestProgram.fromSource(FILE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the rollup guest " + FILE, e);
    }
  }
}

package dev.zisk4j.proverservice.guest;

import dev.zisk4j.sdk.GuestProgram;

/** The service's default guest: the sparse-Merkle-tree rollup of BATCH.md. */
public final class RollupGuest {
  private RollupGuest() {}

  /**
   * The rollup guest.
   *
   * @throws IllegalStateException always, for now: the guest needs the Poseidon VM instruction and
   *     the {@code .zasm} sparse-Merkle-tree library of issue 9, which are not built yet
   */
  public static GuestProgram load() {
    throw new IllegalStateException("the rollup guest (examples/guests/rollup.zasm) needs the Poseidon VM instruction"
        + " and the .zasm sparse-Merkle-tree library (engine issue 9), which are not built yet; give --guest FILE to"
        + " prove another guest that follows BATCH.md's guest contract");
  }
}

package dev.zisk4j.proverservice.guest;

import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.InputRejectedException;
import java.util.List;
import java.util.SortedMap;

/**
 * The rollup's state transition computed natively (the guest's twin): what Execute reports beside
 * the guest's own root, and the oracle the guest is tested against.
 */
public interface StateTransition {

  /**
   * @param newRoot 32 bytes, big-endian (NodeHash form)
   * @param diff every tree node the batch wrote: 64 hex digits → concatenated 16-hex-digit elements
   * @param logs one line per skipped transfer (wrong nonce, insufficient balance), in batch order
   * @param poseidonPermutations permutations the transition needed
   */
  record Report(byte[] newRoot, SortedMap<String, String> diff, List<String> logs, long poseidonPermutations) {}

  /**
   * Applies the batch to the state the {@code db} holds under {@code old_state_root}.
   *
   * @throws InputRejectedException when the db lacks a node the batch needs, or holds one that does
   *     not hash to its key
   */
  Report apply(CheckedInput in) throws InputRejectedException;
}

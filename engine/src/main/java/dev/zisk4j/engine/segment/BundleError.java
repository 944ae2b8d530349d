package dev.zisk4j.engine.segment;

/**
 * Why a bundle was rejected: one case per check, in the order they run (engine.md §5.3, cheapest
 * first: parse, the verifier's policy, the statement against what the verifier holds, the global
 * proof of work, then the work that costs: the verifying key, the fingerprints, the segment proofs).
 */
public enum BundleError {
  /** The bytes do not parse (any format problem; the detail names it). */
  MALFORMED,
  /** The segments are larger than the verifier's policy accepts (its verifying key would cost too much). */
  SEGMENT_TOO_LARGE,
  /** The global proof of work has fewer bits than the policy requires. */
  GLOBAL_POW_TOO_WEAK,
  /** The config's RAM size is not the program's (the program fixes M, engine.md §2.1). */
  MEMORY_SIZE_MISMATCH,
  /** The program does not fit the bundle's segments (n > N−1 or M > N/4). */
  PROGRAM_DOES_NOT_FIT,
  /** The config cannot carry the VM's AIR (e.g. a blowup below the constraint degree). */
  UNSUPPORTED_CONFIG,
  /** The config gives less conjectured or proven security than the policy requires. */
  INSECURE_CONFIG,
  /** The bundle's imageId is not SHA-256 of the program the verifier holds. */
  IMAGE_ID_MISMATCH,
  /** The verifier expects public input and the bundle claims private input, or the reverse. */
  INPUT_MODE_MISMATCH,
  /** The input digest or word count differs from the verifier's input. */
  INPUT_MISMATCH,
  /** The global proof of work fails. */
  GLOBAL_POW_INVALID,
  /** A segment proof's config differs from the bundle's. */
  SEGMENT_CONFIG_MISMATCH,
  /** A segment proof's index is not its position. */
  SEGMENT_INDEX_MISMATCH,
  /** The first segment does not start at pc 0 with zero registers and tape positions. */
  BAD_START,
  /** pc or registers at the end of a segment differ from the start of the next. */
  CHAIN_STATE_MISMATCH,
  /** Input or output tape positions do not continue from one segment to the next. */
  CHAIN_TAPE_MISMATCH,
  /** The final pc is not on a HALT instruction. */
  NOT_HALTED,
  /** The segments' output counts do not add up to the claimed outputs. */
  OUTPUT_COUNT_MISMATCH,
  /** The bundle's vkRoot is not the program's preprocessed root for this config. */
  VK_ROOT_MISMATCH,
  /** MEM_OUT of a segment differs from MEM_IN of the next. */
  CHAIN_MEMORY_MISMATCH,
  /** MEM_IN of the first segment is not the fingerprint of the program's initial RAM. */
  INITIAL_MEMORY_MISMATCH,
  /** A segment's STARK proof is rejected; the detail names the segment and the STARK's reason. */
  SEGMENT_REJECTED,
  /**
   * The bundle's precompile parts do not match the program (PRECOMPILES.md §7): instances or POS_SUM for a
   * program without POSEIDON, or segment proofs without POS_SUM for one with it.
   */
  PRECOMPILE_MISMATCH,
  /** An instance's index is not its position (a dropped, duplicated or reordered instance). */
  INSTANCE_INDEX_MISMATCH,
  /** An instance is larger than the bundle's segments (the verifier bounds its cost by the segment size). */
  INSTANCE_SHAPE,
  /** Σ POS_SUM over every segment and instance is not zero: a request without a proven permutation, or the reverse. */
  BUS_UNBALANCED,
  /** An instance's STARK proof is rejected; the detail names the instance and the STARK's reason. */
  INSTANCE_REJECTED
}

package dev.zisk4j.engine.segment;

/** Why a bundle was rejected: one case per check of engine.md §5.3, in the order they run. */
public enum BundleError {
  /** The bytes do not parse (any format problem; the detail names it). */
  MALFORMED,
  /** The config gives less security than the verifier accepts. */
  INSECURE_CONFIG,
  /** The program does not fit the bundle's config (n > N−1 or data beyond RAM). */
  PROGRAM_DOES_NOT_FIT,
  /** The bundle's imageId is not SHA-256 of the program the verifier holds. */
  IMAGE_ID_MISMATCH,
  /** The bundle's vkRoot is not the program's preprocessed root for this config. */
  VK_ROOT_MISMATCH,
  /** Public input was expected and the bundle claims private input, or the reverse. */
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
  /** MEM_OUT of a segment differs from MEM_IN of the next. */
  CHAIN_MEMORY_MISMATCH,
  /** MEM_IN of the first segment is not the fingerprint of the program's initial RAM. */
  INITIAL_MEMORY_MISMATCH,
  /** A segment's STARK proof is rejected; the detail names the segment and the STARK's reason. */
  SEGMENT_REJECTED
}

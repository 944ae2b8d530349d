package dev.zisk4j.proverservice.input;

/**
 * Bounds on every field of an {@code InputProver}, checked before anything is queued or executed.
 *
 * @param maxBatchBytes decoded {@code batch_l2_data} bytes (30,000 as the zkevm-node, issue #1177)
 * @param maxDbEntries entries of {@code db}
 * @param maxDbValueElements field elements in one {@code db} value (16 hex digits each)
 * @param maxContracts entries of {@code contracts_bytecode}
 * @param maxBytecodeBytes bytes of one bytecode (24,576, EIP-170)
 */
public record InputLimits(int maxBatchBytes, int maxDbEntries, int maxDbValueElements, int maxContracts,
    int maxBytecodeBytes) {
  public InputLimits {
    positive("maxBatchBytes", maxBatchBytes);
    positive("maxDbEntries", maxDbEntries);
    positive("maxDbValueElements", maxDbValueElements);
    if (maxContracts < 0 || maxBytecodeBytes < 0) {
      throw new IllegalArgumentException("limits must not be negative: maxContracts=" + maxContracts
          + ", maxBytecodeBytes=" + maxBytecodeBytes);
    }
  }

  /** The defaults documented in prover-service/README.md. */
  public static InputLimits defaults() {
    return new InputLimits(30_000, 200_000, 12, 16, 24_576);
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + name + "=" + v);
    }
  }
}

package dev.zisk4j.engine.segment;

import java.nio.ByteBuffer;

/**
 * The 8-byte run configuration (engine.md §4.3): segment rows 2^logN, RAM words 2^logM, blowup
 * 2^logBlowup, FRI queries, grinding bits, FRI folding 2^logFold, extension degree, hash id.
 *
 * <pre>
 *  byte: 0     1     2          3         4          5        6       7
 *       logN  logM  logBlowup  nQueries  grindBits  logFold  extDeg  hashId
 * </pre>
 */
public record VmConfig(int logN, int logM, int logBlowup, int nQueries, int grindBits, int logFold, int extDeg, int hashId) {
  public static final int BYTES = 8;
  /** SHA-256 (engine.md §1.4), the only hash implemented. */
  public static final int HASH_SHA256 = 1;

  /**
   * @throws IllegalArgumentException naming the field outside what this engine supports
   */
  public VmConfig {
    check("logN", logN, 9, 22);
    check("logM", logM, 1, logN - 2);
    check("logBlowup", logBlowup, 1, 4);
    check("nQueries", nQueries, 1, 255);
    check("grindBits", grindBits, 0, 32);
    check("logFold", logFold, 2, 2);
    check("extDeg", extDeg, 2, 3);
    check("hashId", hashId, HASH_SHA256, HASH_SHA256);
    // the LDE domain is one Merkle tree: at most 2^24 leaves (MerkleTree.MAX_LOG_LEAVES)
    check("logN+logBlowup", logN + logBlowup, 0, dev.zisk4j.engine.stark.ProofShape.MAX_LOG_LDE);
  }

  private static void check(String name, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException("unsupported config: " + name + "=" + v + ", allowed=[" + lo + ", " + hi + "]");
    }
  }

  /** The design's defaults for a segment of 2^logN rows and 2^logM RAM words: blowup 8, 30 queries, 16 bits. */
  public static VmConfig standard(int logN, int logM) {
    return of(logN, logM, dev.zisk4j.engine.stark.ProofOptions.DEFAULT);
  }

  /**
   * The config of segments of 2^logN rows, RAM of 2^logM words and these STARK options (whose grinding
   * bits are also the global proof of work's).
   *
   * @throws IllegalArgumentException if a value is outside what this engine supports
   */
  public static VmConfig of(int logN, int logM, dev.zisk4j.engine.stark.ProofOptions o) {
    return new VmConfig(logN, logM, o.logBlowup(), o.numQueries(), o.grindingBits(), o.logFold(), o.extensionDegree(),
        HASH_SHA256);
  }

  public int rows() {
    return 1 << logN;
  }

  public int memoryWords() {
    return 1 << logM;
  }

  /** The generic STARK's options for this config. */
  public dev.zisk4j.engine.stark.ProofOptions proofOptions() {
    return new dev.zisk4j.engine.stark.ProofOptions(logBlowup, logFold, nQueries, grindBits, extDeg);
  }

  public byte[] encode() {
    return new byte[] {(byte) logN, (byte) logM, (byte) logBlowup, (byte) nQueries, (byte) grindBits,
        (byte) logFold, (byte) extDeg, (byte) hashId};
  }

  /** @throws MalformedProofException if the bytes are not 8 or describe an unsupported config */
  public static VmConfig decode(byte[] b) throws MalformedProofException {
    if (b.length != BYTES) {
      throw new MalformedProofException("config must be 8 bytes: length=" + b.length);
    }
    return read(new WireReader(b, "config"));
  }

  static VmConfig read(WireReader r) throws MalformedProofException {
    int[] v = new int[BYTES];
    for (int i = 0; i < BYTES; i++) {
      v[i] = r.u8("config");
    }
    try {
      return new VmConfig(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    } catch (IllegalArgumentException e) {
      throw new MalformedProofException(e.getMessage());
    }
  }

  void write(ByteBuffer out) {
    out.put(encode());
  }
}

package dev.zisk4j.engine.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Phase 1's answer for one precompile instance (PRECOMPILES.md §5): what the global transcript binds
 * before the challenges. Wire: {@code u8 kind | u32 index | u8 logRows | digest mainRoot} (38 bytes).
 *
 * @param kind {@link #POSEIDON} (the only kind so far)
 * @param index the instance's position in the bundle, 0-based
 * @param logRows log2 of the instance's trace length, in [{@value #MIN_LOG_ROWS}, {@value #MAX_LOG_ROWS}]
 * @param mainRoot the Merkle root of the instance's main trace (its multiplicities included)
 */
public record InstanceCommitment(int kind, int index, int logRows, byte[] mainRoot) {
  public static final int POSEIDON = 1;
  public static final int MIN_LOG_ROWS = 4;
  public static final int MAX_LOG_ROWS = 22;
  public static final int BYTES = 1 + 4 + 1 + 32;

  /** @throws IllegalArgumentException for an unknown kind, a negative index, a size out of range or a bad root */
  public InstanceCommitment {
    if (kind != POSEIDON) {
      throw new IllegalArgumentException("unknown instance kind: kind=" + kind);
    }
    if (index < 0 || logRows < MIN_LOG_ROWS || logRows > MAX_LOG_ROWS || mainRoot.length != 32) {
      throw new IllegalArgumentException("bad instance commitment: index=" + index + ", logRows=" + logRows
          + ", mainRoot=" + mainRoot.length + " bytes");
    }
    mainRoot = mainRoot.clone();
  }

  @Override
  public byte[] mainRoot() {
    return mainRoot.clone();
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
    write(b);
    return b.array();
  }

  void write(ByteBuffer b) {
    b.put((byte) kind).putInt(index).put((byte) logRows).put(mainRoot);
  }

  /** Reads one commitment, strictly (unknown kind, index beyond 2^31, size out of range are malformed). */
  static InstanceCommitment read(WireReader r, String what) throws MalformedProofException {
    int kind = r.u8("kind");
    long index = r.u32("index");
    int logRows = r.u8("logRows");
    byte[] root = r.bytes(32, "mainRoot");
    if (kind != POSEIDON) {
      throw new MalformedProofException(what + ": unknown instance kind: kind=" + kind);
    }
    if (index > Integer.MAX_VALUE || logRows < MIN_LOG_ROWS || logRows > MAX_LOG_ROWS) {
      throw new MalformedProofException(what + ": instance index or size out of range: index=" + index
          + ", logRows=" + logRows);
    }
    return new InstanceCommitment(kind, (int) index, logRows, root);
  }

  /** @throws MalformedProofException if the bytes are not one valid commitment */
  public static InstanceCommitment decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "InstanceCommitment");
    InstanceCommitment c = read(r, "InstanceCommitment");
    r.finish();
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceCommitment c && Arrays.equals(encode(), c.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "InstanceCommitment[kind=" + kind + ", index=" + index + ", logRows=" + logRows + "]";
  }
}

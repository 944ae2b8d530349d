package dev.zisk4j.proverservice.input;

import dev.zisk4j.engine.field.Goldilocks;
import java.nio.ByteBuffer;

/**
 * A sparse-Merkle-tree hash (a root or a node key): four Goldilocks elements, written as the zkEVM
 * writes them (fea2scalar): the 256-bit number f0 + f1·2^64 + f2·2^128 + f3·2^192, as 32 big-endian
 * bytes or 64 hex digits.
 */
public final class NodeHash {
  private NodeHash() {}

  /** The four elements of a 32-byte big-endian hash, f0 first (not checked for canonical form). */
  public static long[] toElements(byte[] be32) {
    ByteBuffer b = ByteBuffer.wrap(be32);
    return new long[] {b.getLong(24), b.getLong(16), b.getLong(8), b.getLong(0)};
  }

  /** 32 big-endian bytes of four elements. */
  public static byte[] toBytes(long[] f) {
    if (f.length != 4) {
      throw new IllegalArgumentException("a hash has 4 elements: length=" + f.length);
    }
    return ByteBuffer.allocate(32).putLong(f[3]).putLong(f[2]).putLong(f[1]).putLong(f[0]).array();
  }

  /**
   * Returns {@code be32} when each of its four elements is below p.
   *
   * @throws InputRejectedException naming {@code field} and the element that is not canonical
   */
  static byte[] check(String field, byte[] be32) throws InputRejectedException {
    long[] f = toElements(be32);
    for (int i = 0; i < 4; i++) {
      if (Long.compareUnsigned(f[i], Goldilocks.P) >= 0) {
        throw new InputRejectedException(field + " is not four Goldilocks elements: element " + i + "="
            + Long.toHexString(f[i]) + " is not below p");
      }
    }
    return be32;
  }
}

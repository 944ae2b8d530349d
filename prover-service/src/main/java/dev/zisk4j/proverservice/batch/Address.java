package dev.zisk4j.proverservice.batch;

import java.util.Arrays;
import java.util.HexFormat;

/** A 20-byte account address. Immutable; equality by value. */
public final class Address implements Comparable<Address> {
  public static final int BYTES = 20;
  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  /** @throws IllegalArgumentException unless {@code b} has 20 bytes */
  public static Address of(byte[] b) {
    if (b.length != BYTES) {
      throw new IllegalArgumentException("an address has 20 bytes: length=" + b.length);
    }
    return new Address(b.clone());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The address as five 32-bit limbs, least significant first (the zkEVM's scalar2fea of an
   * address: limb i holds bits 32i..32i+31 of the big-endian number).
   */
  public long[] limbs() {
    long[] l = new long[5];
    for (int i = 0; i < 5; i++) {
      int off = BYTES - 4 * (i + 1);
      l[i] = ((bytes[off] & 0xffL) << 24) | ((bytes[off + 1] & 0xffL) << 16) | ((bytes[off + 2] & 0xffL) << 8)
          | (bytes[off + 3] & 0xffL);
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** {@code 0x} and 40 lowercase hex digits. */
  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}

package dev.zisk4j.io.bincode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte sink for bincode 2 {@code standard()} encoding; reusable via {@link #reset}.
 * Not thread-safe.
 */
public final class BincodeWriter {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
  private byte[] buf;
  private int size;

  public BincodeWriter() {
    this(64);
  }

  public BincodeWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (buf.length - size < extra) {
      long wanted = Math.max((long) buf.length * 2, (long) size + extra);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("bincode value too large: size=" + size + ", extra=" + extra);
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }

  /** One raw byte (u8, i8). */
  public BincodeWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public BincodeWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  private void le(long v, int bytes) {
    ensure(bytes);
    for (int i = 0; i < bytes; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  /** Unsigned varint of {@code v} read as an unsigned 64-bit value. */
  public BincodeWriter varU64(long v) {
    if (v >= 0 && v <= BincodeWire.SINGLE_BYTE_MAX) {
      u8((int) v);
    } else if (v >= 0 && v < (1L << 16)) {
      u8(BincodeWire.U16_MARKER);
      le(v, 2);
    } else if (v >= 0 && v < (1L << 32)) {
      u8(BincodeWire.U32_MARKER);
      le(v, 4);
    } else {
      u8(BincodeWire.U64_MARKER);
      le(v, 8);
    }
    return this;
  }

  /** Unsigned varint of a value in [0, 2^128). */
  public BincodeWriter varU128(BigInteger v) {
    if (v.signum() < 0 || v.compareTo(TWO_128) >= 0) {
      throw new IllegalArgumentException("u128 out of range: value=" + v);
    }
    if (v.compareTo(TWO_64) < 0) {
      return varU64(v.longValue());
    }
    u8(BincodeWire.U128_MARKER);
    le(v.longValue(), 8);
    le(v.shiftRight(64).longValue(), 8);
    return this;
  }

  /** Zigzag then unsigned varint (i16, i32, i64, isize). */
  public BincodeWriter varI64(long v) {
    return varU64(BincodeWire.zigzag(v));
  }

  /** Zigzag then unsigned varint of a value in [-2^127, 2^127). */
  public BincodeWriter varI128(BigInteger v) {
    if (v.bitLength() > 127) {
      throw new IllegalArgumentException("i128 out of range: value=" + v);
    }
    BigInteger zz = v.signum() >= 0 ? v.shiftLeft(1) : v.negate().shiftLeft(1).subtract(BigInteger.ONE);
    return varU128(zz);
  }

  public BincodeWriter f32(float v) {
    le(Float.floatToRawIntBits(v) & 0xFFFFFFFFL, 4);
    return this;
  }

  public BincodeWriter f64(double v) {
    le(Double.doubleToRawLongBits(v), 8);
    return this;
  }

  /** Raw bytes, no length (fixed arrays, or after an explicit length). */
  public BincodeWriter raw(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, buf, size, len);
    size += len;
    return this;
  }

  /** Varint length then raw bytes ({@code Vec<u8>}, {@code &[u8]}). */
  public BincodeWriter bytes(byte[] v) {
    varU64(v.length);
    return raw(v, 0, v.length);
  }

  /** Varint length then UTF-8 bytes. */
  public BincodeWriter string(String v) {
    return bytes(v.getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return size;
  }

  /** The backing array; valid bytes are {@code [0, size())}, until the next write. */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Forgets the content, keeps the capacity. */
  public void reset() {
    size = 0;
  }
}

package dev.zisk4j.io.bincode;

/**
 * How one Java type maps to bincode 2 {@code standard()} bytes: the codec for a value and the
 * extension point for user types (implement it, or build one with {@link Bincode#record}).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface BincodeType<T> {

  /** Appends {@code value}'s encoding. @throws IllegalArgumentException if the value is out of the type's range */
  void encode(T value, BincodeWriter out);

  /** Reads one value. @throws BincodeException on malformed or truncated bytes */
  T decode(BincodeReader in) throws BincodeException;

  /** Minimum encoded size in bytes; lets sequence decoding reject hostile lengths before allocating. */
  default int minBytes() {
    return 1;
  }

  /** The encoding of {@code value} as a new array. */
  default byte[] toBytes(T value) {
    BincodeWriter w = new BincodeWriter();
    encode(value, w);
    return w.toByteArray();
  }

  /**
   * Decodes exactly one value from all of {@code bytes}.
   *
   * @throws BincodeException if malformed, truncated, or bytes are left over (a type mismatch
   *     between writer and reader is reported rather than ignored)
   */
  default T fromBytes(byte[] bytes) throws BincodeException {
    BincodeReader r = new BincodeReader(bytes);
    T v = decode(r);
    if (r.remaining() != 0) {
      throw new BincodeException("trailing bytes after value: offset=" + r.position() + ", trailing=" + r.remaining());
    }
    return v;
  }
}

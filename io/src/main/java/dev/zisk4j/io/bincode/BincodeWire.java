package dev.zisk4j.io.bincode;

/**
 * bincode 2 {@code config::standard()}: the wire facts shared by {@link BincodeWriter} and {@link BincodeReader}.
 *
 * <pre>
 *  unsigned varint (u16..u128, usize, lengths, enum discriminants):
 *    v &lt; 251          [v]
 *    v &lt; 2^16         [251][u16 LE]
 *    v &lt; 2^32         [252][u32 LE]
 *    v &lt; 2^64         [253][u64 LE]
 *    v &lt; 2^128        [254][u128 LE]
 *  signed (i16..i128): zigzag (0,-1,1,-2.. -&gt; 0,1,2,3..), then unsigned varint
 *  u8 / i8: one raw byte   bool: 0|1   f32/f64: IEEE LE   Option: tag 0|1 then value
 *  String, Vec, Map: varint length then items   [T; N]: N items, no length   enum: varint u32 discriminant
 * </pre>
 * A decoder accepts a non-minimal varint within the target width but rejects a marker wider than the
 * target type (bincode 2 does the same).
 */
public final class BincodeWire {
  public static final int SINGLE_BYTE_MAX = 250;
  public static final int U16_MARKER = 251;
  public static final int U32_MARKER = 252;
  public static final int U64_MARKER = 253;
  public static final int U128_MARKER = 254;

  private BincodeWire() {}

  /** Zigzag mapping of a signed 64-bit value. */
  public static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  /** Inverse of {@link #zigzag}. */
  public static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}

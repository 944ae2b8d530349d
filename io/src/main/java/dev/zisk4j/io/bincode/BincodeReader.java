package dev.zisk4j.io.bincode;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Decodes bincode 2 {@code standard()} values from a byte range; every error names the offset and
 * what was expected. Lengths are checked against the bytes left before anything is allocated, so a
 * hostile length cannot exhaust memory. Not thread-safe.
 */
public final class BincodeReader {
  private final byte[] buf;
  private final int start;
  private final int end;
  private int pos;

  public BincodeReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public BincodeReader(byte[] buf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    this.buf = buf;
    this.start = off;
    this.end = off + len;
    this.pos = off;
  }

  /** Bytes consumed so far. */
  public int position() {
    return pos - start;
  }

  public int remaining() {
    return end - pos;
  }

  private void need(int n, String what) throws BincodeException {
    if (end - pos < n) {
      throw new BincodeException("truncated bincode: offset=" + position() + ", expected=" + what + ", needed="
          + n + ", available=" + (end - pos));
    }
  }

  public int u8() throws BincodeException {
    need(1, "u8");
    return buf[pos++] & 0xFF;
  }

  public boolean bool() throws BincodeException {
    int at = position();
    int b = u8();
    return switch (b) {
      case 0 -> false;
      case 1 -> true;
      default -> throw new BincodeException("invalid bool: offset=" + at + ", byte=" + b + ", expected=0|1");
    };
  }

  private long le(int bytes, String what) throws BincodeException {
    need(bytes, what);
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v |= (buf[pos++] & 0xFFL) << (8 * i);
    }
    return v;
  }

  /**
   * An unsigned varint no wider than {@code widthBits} (16, 32 or 64), as an unsigned long.
   *
   * @throws BincodeException on a marker wider than the width, 255, or a value over the width
   */
  public long varUnsigned(int widthBits) throws BincodeException {
    int at = position();
    int marker = u8();
    if (marker <= BincodeWire.SINGLE_BYTE_MAX) {
      return marker;
    }
    int markerWidth = switch (marker) {
      case BincodeWire.U16_MARKER -> 16;
      case BincodeWire.U32_MARKER -> 32;
      case BincodeWire.U64_MARKER -> 64;
      case BincodeWire.U128_MARKER -> 128;
      default -> throw new BincodeException("invalid varint marker: offset=" + at + ", byte=" + marker);
    };
    if (markerWidth > widthBits) {
      throw new BincodeException("varint too wide: offset=" + at + ", marker=" + marker + ", markerBits=" + markerWidth
          + ", typeBits=" + widthBits);
    }
    return le(markerWidth / 8, "u" + markerWidth);
  }

  public long varU64() throws BincodeException {
    return varUnsigned(64);
  }

  public BigInteger varU128() throws BincodeException {
    need(1, "varint");
    if ((buf[pos] & 0xFF) != BincodeWire.U128_MARKER) {
      long v = varUnsigned(64);
      return new BigInteger(Long.toUnsignedString(v));
    }
    pos++;
    long lo = le(8, "u128 low");
    long hi = le(8, "u128 high");
    return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
  }

  public long varI64() throws BincodeException {
    return BincodeWire.unzigzag(varU64());
  }

  public BigInteger varI128() throws BincodeException {
    BigInteger zz = varU128();
    BigInteger half = zz.shiftRight(1);
    return zz.testBit(0) ? half.negate().subtract(BigInteger.ONE) : half;
  }

  public float f32() throws BincodeException {
    return Float.intBitsToFloat((int) le(4, "f32"));
  }

  public double f64() throws BincodeException {
    return Double.longBitsToDouble(le(8, "f64"));
  }

  /**
   * A sequence length, checked to be at most the bytes left divided by {@code minItemBytes} (items of
   * at least that size must follow), so hostile lengths fail before allocation.
   */
  public int length(int minItemBytes) throws BincodeException {
    int at = position();
    long n = varU64();
    long maxItems = minItemBytes == 0 ? Integer.MAX_VALUE - 8 : remaining() / minItemBytes;
    if (n < 0 || n > maxItems) {
      throw new BincodeException("length exceeds input: offset=" + at + ", length=" + Long.toUnsignedString(n)
          + ", bytesLeft=" + remaining());
    }
    return (int) n;
  }

  public byte[] raw(int n) throws BincodeException {
    need(n, n + " bytes");
    byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  public byte[] bytes() throws BincodeException {
    return raw(length(1));
  }

  public String string() throws BincodeException {
    int at = position();
    byte[] b = bytes();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new BincodeException("invalid UTF-8 string: offset=" + at + ", length=" + b.length);
    }
  }
}

package dev.zisk4j.cli.input;

import java.math.BigInteger;

/** Parses integer values (decimal or 0x hex, {@code _} separators) with ranges checked. */
final class NumberArg {
  private NumberArg() {}

  private static BigInteger parse(String s) {
    String t = s.trim().replace("_", "");
    boolean neg = t.startsWith("-");
    String body = neg ? t.substring(1) : t;
    BigInteger v = body.startsWith("0x") || body.startsWith("0X")
        ? new BigInteger(body.substring(2), 16) : new BigInteger(body);
    return neg ? v.negate() : v;
  }

  /** An unsigned value of {@code bits} bits, returned as its bit pattern; IllegalArgumentException otherwise. */
  static long unsigned(String s, int bits) {
    BigInteger v = parse(s);
    if (v.signum() < 0 || v.bitLength() > bits) {
      throw new IllegalArgumentException("out of range: " + s);
    }
    return v.longValue();
  }

  /** A signed 64-bit value; IllegalArgumentException otherwise. */
  static long signed64(String s) {
    BigInteger v = parse(s);
    if (v.bitLength() > 63) {
      throw new IllegalArgumentException("out of range: " + s);
    }
    return v.longValue();
  }
}

package dev.zisk4j.cli.input;

import java.math.BigInteger;

/** Parses integer flags (decimal or 0x hex) with ranges checked, naming the flag on error. */
final class NumberArg {
  private NumberArg() {}

  private static BigInteger parse(String s, String flag) {
    try {
      String t = s.trim().replace("_", "");
      boolean neg = t.startsWith("-");
      String body = neg ? t.substring(1) : t;
      BigInteger v = body.startsWith("0x") || body.startsWith("0X")
          ? new BigInteger(body.substring(2), 16) : new BigInteger(body);
      return neg ? v.negate() : v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " is not an integer: value=" + s);
    }
  }

  /** An unsigned value of {@code bits} bits, returned as its bit pattern. */
  static long unsigned(String s, int bits, String flag) {
    BigInteger v = parse(s, flag);
    if (v.signum() < 0 || v.bitLength() > bits) {
      throw new IllegalArgumentException(flag + " out of range: value=" + s + ", min=0, max=2^" + bits + "-1");
    }
    return v.longValue();
  }

  static long signed64(String s, String flag) {
    BigInteger v = parse(s, flag);
    if (v.bitLength() > 63) {
      throw new IllegalArgumentException(flag + " out of range: value=" + s + ", min=-2^63, max=2^63-1");
    }
    return v.longValue();
  }
}

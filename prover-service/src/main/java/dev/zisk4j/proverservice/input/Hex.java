package dev.zisk4j.proverservice.input;

import java.util.HexFormat;

/**
 * Hex text as the zkEVM clients send it: an optional {@code 0x}/{@code 0X} prefix, then digits of
 * either case. Parsing is strict (no spaces, no signs) and bounded before anything is allocated.
 */
public final class Hex {
  private static final HexFormat LOWER = HexFormat.of();

  private Hex() {}

  /** The digits of {@code v} without a {@code 0x} prefix. */
  public static String digits(String v) {
    return v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
  }

  /**
   * A big-endian value of {@code bytes} bytes written with at most {@code 2·bytes} digits
   * (left-padded with zeros, as the reference accepts "≤ 64 hex digits" for a root).
   *
   * @throws InputRejectedException naming {@code field} when empty, too long or not hex
   */
  public static byte[] fixed(String field, String v, int bytes) throws InputRejectedException {
    String d = digits(v);
    if (d.isEmpty()) {
      throw new InputRejectedException(field + " is empty: expected up to " + 2 * bytes + " hex digits");
    }
    if (d.length() > 2 * bytes) {
      throw new InputRejectedException(field + " has " + d.length() + " hex digits, max " + 2 * bytes
          + ": " + field + "=" + InputRejectedException.shorten(v));
    }
    checkDigits(field, v, d);
    String padded = "0".repeat(2 * bytes - d.length()) + d;
    return LOWER.parseHex(padded);
  }

  /**
   * Bytes written as an even number of digits, at most {@code maxBytes} of them.
   *
   * @throws InputRejectedException naming {@code field} when odd, too long or not hex
   */
  public static byte[] variable(String field, String v, int maxBytes) throws InputRejectedException {
    String d = digits(v);
    if ((long) d.length() > 2L * maxBytes) {
      throw new InputRejectedException(field + " holds " + d.length() / 2 + " bytes, max " + maxBytes);
    }
    if (d.length() % 2 != 0) {
      throw new InputRejectedException(field + " has an odd number of hex digits: " + d.length());
    }
    checkDigits(field, v, d);
    return LOWER.parseHex(d);
  }

  /** {@code 0x} and the lowercase digits of {@code b}. */
  public static String prefixed(byte[] b) {
    return "0x" + LOWER.formatHex(b);
  }

  /** The lowercase digits of {@code b}, no prefix. */
  public static String bare(byte[] b) {
    return LOWER.formatHex(b);
  }

  private static void checkDigits(String field, String v, String d) throws InputRejectedException {
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        throw new InputRejectedException(field + " is not hex: character '" + printable(c) + "' at "
            + (v.length() - d.length() + i) + ": " + field + "=" + InputRejectedException.shorten(v));
      }
    }
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}

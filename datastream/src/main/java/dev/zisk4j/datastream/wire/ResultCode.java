package dev.zisk4j.datastream.wire;

/**
 * The error numbers and fixed strings of result packets (spec §3.2, §7).
 *
 * <p>The strings are part of the wire format: the Go reference sends exactly these.
 */
public enum ResultCode {
  OK(0, "OK"),
  ALREADY_STARTED(1, "Already started"),
  ALREADY_STOPPED(2, "Already stopped"),
  BAD_FROM_ENTRY(3, "Bad from entry"),
  BAD_FROM_BOOKMARK(4, "Bad from bookmark"),
  /** gateway-fm fork only (RangeBookmark). */
  BAD_TO_BOOKMARK(5, "Bad to bookmark"),
  INVALID_COMMAND(9, "Invalid command"),
  /**
   * zisk4j only: the server is at its client limit. The reference has no in-band refusal (it closes
   * the connection without a word); a client of either kind reads this as the reply to its first
   * command, an error result, instead of a bare connection reset. 100 is far from the reference's
   * and the fork's codes (0..9).
   */
  SERVER_FULL(100, "Server full");

  private final int errorNum;
  private final String message;

  ResultCode(int errorNum, String message) {
    this.errorNum = errorNum;
    this.message = message;
  }

  /** The u32 error number on the wire. */
  public int errorNum() {
    return errorNum;
  }

  /** The ASCII string the reference sends with this code. */
  public String message() {
    return message;
  }

  /** The code for an error number, or null when the number is not one of the spec's codes. */
  public static ResultCode of(int errorNum) {
    for (ResultCode c : values()) {
      if (c.errorNum == errorNum) {
        return c;
      }
    }
    return null;
  }
}

package dev.zisk4j.datastream.wire;

/**
 * The client-to-server command codes (spec §3.1; RangeBookmark is the gateway-fm extension, §9).
 *
 * <p>The reference README lists Entry as 4; the code, and this enum, say 5.
 */
public enum Command {
  START(1),
  STOP(2),
  HEADER(3),
  START_BOOKMARK(4),
  ENTRY(5),
  BOOKMARK(6),
  RANGE_BOOKMARK(7);

  private final long code;

  Command(long code) {
    this.code = code;
  }

  /** The u64 command code on the wire. */
  public long code() {
    return code;
  }

  /** The command for a wire code, or null for an unknown code (answered with Invalid command). */
  public static Command of(long code) {
    if (code >= 1 && code <= 7) {
      return values()[(int) code - 1];
    }
    return null;
  }
}

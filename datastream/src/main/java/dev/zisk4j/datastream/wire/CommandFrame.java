package dev.zisk4j.datastream.wire;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The ONE descriptor of the client-to-server command frame (spec §3.1, §9). All integers are
 * big-endian and unsigned.
 *
 * <pre>
 *  0               8               16
 *  +---------------+---------------+------------------------------------------+
 *  | command  u64  | streamType u64| parameters                               |
 *  +---------------+---------------+------------------------------------------+
 *  Start(1), Entry(5):                 u64 number
 *  Stop(2), Header(3):                 (none)
 *  StartBookmark(4), Bookmark(6):      u32 len | len bytes        (1 &lt;= len &lt;= 16)
 *  RangeBookmark(7):                   u32 len1 | bytes1 | u32 len2 | bytes2
 * </pre>
 *
 * <p>Decoding always consumes a known command's parameters, so an invalid bookmark length never
 * desynchronises the connection (the reference leaves the bytes unread). A length that cannot be
 * skipped safely (above {@link #MAX_SKIPPABLE_BOOKMARK_BYTES}) is unrecoverable: {@link #read}
 * throws {@link MalformedFrameException} and the server closes that connection.
 *
 * @param code the u64 command code (any value: unknown codes are answered with Invalid command)
 * @param streamType the u64 stream type the client believes the server has
 * @param number Start's fromEntry or Entry's entryNumber; 0 for other commands
 * @param bookmark the (first) bookmark of a bookmark command, else null
 * @param toBookmark RangeBookmark's second bookmark, else null
 * @param malformed null when the parameters are valid, else why they are not (e.g. bad length)
 */
public record CommandFrame(
    long code, long streamType, long number, byte[] bookmark, byte[] toBookmark, String malformed) {

  /** Bytes before the parameters: command and stream type. */
  public static final int PREFIX_BYTES = 16;
  /** Offset of the u64 command code. */
  public static final int COMMAND_OFFSET = 0;
  /** Offset of the u64 stream type. */
  public static final int STREAM_TYPE_OFFSET = 8;
  /** Offset of the first parameter. */
  public static final int PARAMS_OFFSET = 16;
  /** The protocol's bookmark length limit (spec §3.1). */
  public static final int MAX_BOOKMARK_BYTES = 16;
  /**
   * Above this length a bookmark parameter is treated as hostile: it is not skipped, the connection
   * is closed.
   */
  public static final int MAX_SKIPPABLE_BOOKMARK_BYTES = 4096;

  /** The decoded command, or null for an unknown code. */
  public Command command() {
    return Command.of(code);
  }

  /** True when the parameters were consumed but are not valid (answered with Invalid command). */
  public boolean isMalformed() {
    return malformed != null;
  }

  // ---------------------------------------------------------------- encoding (client side)

  /** Start(fromEntry). */
  public static byte[] start(long streamType, long fromEntry) {
    return prefix(Command.START, streamType, 8).putLong(fromEntry).array();
  }

  /** Stop. */
  public static byte[] stop(long streamType) {
    return prefix(Command.STOP, streamType, 0).array();
  }

  /** Header. */
  public static byte[] header(long streamType) {
    return prefix(Command.HEADER, streamType, 0).array();
  }

  /** Entry(entryNumber). */
  public static byte[] entry(long streamType, long entryNumber) {
    return prefix(Command.ENTRY, streamType, 8).putLong(entryNumber).array();
  }

  /** StartBookmark(bookmark); throws IllegalArgumentException for a length outside 1..16. */
  public static byte[] startBookmark(long streamType, byte[] bookmark) {
    checkBookmark(bookmark);
    return putBookmark(prefix(Command.START_BOOKMARK, streamType, 4 + bookmark.length), bookmark)
        .array();
  }

  /** Bookmark(bookmark); throws IllegalArgumentException for a length outside 1..16. */
  public static byte[] bookmark(long streamType, byte[] bookmark) {
    checkBookmark(bookmark);
    return putBookmark(prefix(Command.BOOKMARK, streamType, 4 + bookmark.length), bookmark).array();
  }

  /** RangeBookmark(from, to) of the gateway-fm fork. */
  public static byte[] rangeBookmark(long streamType, byte[] from, byte[] to) {
    checkBookmark(from);
    checkBookmark(to);
    ByteBuffer b = prefix(Command.RANGE_BOOKMARK, streamType, 8 + from.length + to.length);
    return putBookmark(putBookmark(b, from), to).array();
  }

  /** Raw frame with an arbitrary code and no parameters (tests and the fuzzer). */
  public static byte[] raw(long code, long streamType) {
    return ByteBuffer.allocate(PREFIX_BYTES).putLong(code).putLong(streamType).array();
  }

  private static ByteBuffer prefix(Command c, long streamType, int paramBytes) {
    return ByteBuffer.allocate(PREFIX_BYTES + paramBytes).putLong(c.code()).putLong(streamType);
  }

  private static ByteBuffer putBookmark(ByteBuffer b, byte[] bookmark) {
    return b.putInt(bookmark.length).put(bookmark);
  }

  private static void checkBookmark(byte[] bookmark) {
    if (bookmark.length < 1 || bookmark.length > MAX_BOOKMARK_BYTES) {
      throw new IllegalArgumentException(
          "bookmark length out of range: length=" + bookmark.length + ", allowed=1.." + MAX_BOOKMARK_BYTES);
    }
  }

  // ---------------------------------------------------------------- decoding (server side)

  /**
   * Reads one command frame: the 16-byte prefix and, for a known command, all its parameters.
   *
   * @throws java.io.EOFException when the peer closed the connection (also mid-frame)
   * @throws MalformedFrameException when a bookmark length is too large to skip
   * @throws IOException on socket errors and timeouts
   */
  public static CommandFrame read(DataInputStream in) throws IOException {
    long code = in.readLong();
    long streamType = in.readLong();
    Command c = Command.of(code);
    if (c == null) {
      return new CommandFrame(code, streamType, 0, null, null, null);
    }
    return switch (c) {
      case START, ENTRY -> new CommandFrame(code, streamType, in.readLong(), null, null, null);
      case STOP, HEADER -> new CommandFrame(code, streamType, 0, null, null, null);
      case START_BOOKMARK, BOOKMARK -> {
        BookmarkParam bm = readBookmark(in);
        yield new CommandFrame(code, streamType, 0, bm.bytes, null, bm.error);
      }
      case RANGE_BOOKMARK -> {
        BookmarkParam from = readBookmark(in);
        BookmarkParam to = readBookmark(in);
        String error = from.error != null ? from.error : to.error;
        yield new CommandFrame(code, streamType, 0, from.bytes, to.bytes, error);
      }
    };
  }

  private record BookmarkParam(byte[] bytes, String error) {}

  private static BookmarkParam readBookmark(DataInputStream in) throws IOException {
    long len = Integer.toUnsignedLong(in.readInt());
    if (len > MAX_SKIPPABLE_BOOKMARK_BYTES) {
      throw new MalformedFrameException(
          "bookmark length too large to skip: length=" + len + ", max=" + MAX_SKIPPABLE_BOOKMARK_BYTES);
    }
    byte[] bytes = new byte[(int) len];
    in.readFully(bytes);
    if (len < 1 || len > MAX_BOOKMARK_BYTES) {
      return new BookmarkParam(bytes, "bookmark length out of range: length=" + len + ", allowed=1..16");
    }
    return new BookmarkParam(bytes, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommandFrame f
        && f.code == code
        && f.streamType == streamType
        && f.number == number
        && Arrays.equals(f.bookmark, bookmark)
        && Arrays.equals(f.toBookmark, toBookmark)
        && java.util.Objects.equals(f.malformed, malformed);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(code, streamType, number, Arrays.hashCode(bookmark), Arrays.hashCode(toBookmark));
  }

  @Override
  public String toString() {
    return "CommandFrame[code=" + code + ", streamType=" + streamType + ", number=" + number
        + ", bookmark=" + hex(bookmark) + ", toBookmark=" + hex(toBookmark) + ", malformed=" + malformed + "]";
  }

  private static String hex(byte[] b) {
    return b == null ? "null" : java.util.HexFormat.of().formatHex(b);
  }
}

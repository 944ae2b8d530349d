package dev.zisk4j.datastream.wire;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The ONE descriptor of the result packet (spec §3.2).
 *
 * <pre>
 *  0    1          5          9
 *  +----+----------+----------+---------------------+
 *  | FF | len u32  | err u32  | ASCII message       |   len = 9 + len(message)
 *  +----+----------+----------+---------------------+
 * </pre>
 *
 * <p>Example (OK): {@code ff 0000000b 00000000 4f4b}.
 *
 * @param errorNum the u32 error number (0 = OK)
 * @param message the ASCII message, without terminator
 */
public record ResultPacket(int errorNum, String message) {

  /** Fixed prefix: packet type, length, error number. */
  public static final int PREFIX_BYTES = 9;
  /** Offset of the u32 total length. */
  public static final int LENGTH_OFFSET = 1;
  /** Offset of the u32 error number. */
  public static final int ERROR_OFFSET = 5;
  /** Offset of the message. */
  public static final int MESSAGE_OFFSET = 9;
  /** Longest message a reader accepts; longer ones mean a broken or hostile peer. */
  public static final int MAX_MESSAGE_BYTES = 1024;

  /** The result for a code, with the reference's message. */
  public static ResultPacket of(ResultCode code) {
    return new ResultPacket(code.errorNum(), code.message());
  }

  /** True for errorNum 0. */
  public boolean isOk() {
    return errorNum == 0;
  }

  /** The known code of this result, or null for a number outside the spec. */
  public ResultCode code() {
    return ResultCode.of(errorNum);
  }

  /** The encoded bytes. */
  public byte[] encode() {
    byte[] msg = message.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(PREFIX_BYTES + msg.length)
        .put(PacketType.RESULT)
        .putInt(PREFIX_BYTES + msg.length)
        .putInt(errorNum)
        .put(msg)
        .array();
  }

  /**
   * Reads the rest of a result packet after its type byte has been consumed.
   *
   * @throws MalformedFrameException when the length is below 9 or the message too long
   */
  public static ResultPacket readAfterType(DataInputStream in) throws IOException {
    long len = Integer.toUnsignedLong(in.readInt());
    if (len < PREFIX_BYTES || len > PREFIX_BYTES + MAX_MESSAGE_BYTES) {
      throw new MalformedFrameException(
          "result packet length out of range: length=" + len + ", allowed=" + PREFIX_BYTES + ".."
              + (PREFIX_BYTES + MAX_MESSAGE_BYTES));
    }
    int errorNum = in.readInt();
    byte[] msg = new byte[(int) len - PREFIX_BYTES];
    in.readFully(msg);
    return new ResultPacket(errorNum, new String(msg, StandardCharsets.US_ASCII));
  }
}

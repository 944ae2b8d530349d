package dev.zisk4j.datastream.wire;

/**
 * The first byte of every packet the server sends (spec §1, §3.2).
 *
 * <p>PADDING only occurs in the stream file; RESULT and DATA_RSP only on the wire.
 */
public final class PacketType {
  /** File only: the rest of the data page is padding. */
  public static final byte PADDING = 0x00;
  /** The 38-byte header entry (file offset 16, and the reply to Header). */
  public static final byte HEADER = 0x01;
  /** A data entry: in the file and in the live stream. */
  public static final byte DATA = 0x02;
  /** A data entry sent as the reply to Entry and Bookmark. */
  public static final byte DATA_RSP = (byte) 0xFE;
  /** A result packet. */
  public static final byte RESULT = (byte) 0xFF;

  private PacketType() {}
}

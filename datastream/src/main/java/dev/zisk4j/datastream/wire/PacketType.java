package dev.zisk4j.datastream.wire;

import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.file.HeaderEntry;

/**
 * The first byte of every packet the server sends (spec §1, §3.2): the values a client demultiplexes
 * on. The entry and header layouts themselves are described by {@link EntryPacket} and
 * {@link HeaderEntry}; this class only gathers the type bytes for the wire.
 */
public final class PacketType {
  /** The 38-byte header entry (reply to Header). */
  public static final byte HEADER = HeaderEntry.PACKET_TYPE;
  /** A data entry in the live stream. */
  public static final byte DATA = EntryPacket.DATA;
  /** A data entry sent as the reply to Entry and Bookmark. */
  public static final byte DATA_RSP = EntryPacket.DATA_RSP;
  /** A result packet. */
  public static final byte RESULT = (byte) 0xFF;

  private PacketType() {}
}

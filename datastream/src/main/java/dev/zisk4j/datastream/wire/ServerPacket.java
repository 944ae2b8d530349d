package dev.zisk4j.datastream.wire;

import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.file.StreamHeader;

/** One packet received from a server, as demultiplexed by {@link ServerPacketReader}. */
public sealed interface ServerPacket {
  /** A result packet (0xFF). */
  record Result(ResultPacket result) implements ServerPacket {}

  /** The header entry (0x01), reply to Header. */
  record Header(StreamHeader header) implements ServerPacket {}

  /** A streamed data entry (0x02). */
  record Data(StreamEntry entry) implements ServerPacket {}

  /** A reply to Entry or Bookmark (0xFE); {@code entry} is null for the not-found form. */
  record DataRsp(StreamEntry entry) implements ServerPacket {}
}

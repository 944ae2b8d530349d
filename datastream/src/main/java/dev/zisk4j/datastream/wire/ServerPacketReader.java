package dev.zisk4j.datastream.wire;

import dev.zisk4j.datastream.file.EntryFormatException;
import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.file.HeaderEntry;
import dev.zisk4j.datastream.file.StreamEntry;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads server packets from a byte stream, one at a time, demultiplexing on the first byte (spec
 * §3.5). Unlike the Go client, an unknown first byte is an error (there is no way to resynchronise),
 * and lengths are bounded so a hostile server cannot make the client allocate more than one page.
 *
 * <p>Not thread-safe: one reader thread per connection.
 */
public final class ServerPacketReader {
  private final DataInputStream in;
  private final byte[] prefix = new byte[EntryPacket.HEADER_BYTES];
  private long offset;

  public ServerPacketReader(DataInputStream in) {
    this.in = in;
  }

  /** Bytes consumed so far (for error messages). */
  public long offset() {
    return offset;
  }

  /**
   * Reads the next packet.
   *
   * @throws java.io.EOFException when the server closed the connection
   * @throws MalformedFrameException for an unknown packet type or an out-of-range length
   */
  public ServerPacket next() throws IOException {
    long at = offset;
    byte type = in.readByte();
    offset++;
    return switch (type) {
      case PacketType.RESULT -> {
        ResultPacket r = ResultPacket.readAfterType(in);
        offset += r.encode().length - 1;
        yield new ServerPacket.Result(r);
      }
      case PacketType.HEADER -> new ServerPacket.Header(readHeader(at));
      case PacketType.DATA -> new ServerPacket.Data(readEntry(PacketType.DATA, at));
      case PacketType.DATA_RSP -> {
        StreamEntry e = readEntry(PacketType.DATA_RSP, at);
        yield new ServerPacket.DataRsp(DataResponse.isNotFound(e) ? null : e);
      }
      default -> throw new MalformedFrameException(
          "unknown packet type: offset=" + at + ", packetType=0x" + Integer.toHexString(type & 0xFF));
    };
  }

  private dev.zisk4j.datastream.file.StreamHeader readHeader(long at) throws IOException {
    // Read the 29-byte legacy prefix first, then the rest if the header says 38 (as cdk-erigon does).
    byte[] buf = new byte[HeaderEntry.LENGTH];
    buf[0] = PacketType.HEADER;
    in.readFully(buf, 1, HeaderEntry.LEGACY_LENGTH - 1);
    int len = ByteBuffer.wrap(buf).getInt(HeaderEntry.OFFSET_LENGTH);
    if (len == HeaderEntry.LENGTH) {
      in.readFully(buf, HeaderEntry.LEGACY_LENGTH, HeaderEntry.LENGTH - HeaderEntry.LEGACY_LENGTH);
    }
    offset += (len == HeaderEntry.LENGTH ? HeaderEntry.LENGTH : HeaderEntry.LEGACY_LENGTH) - 1;
    try {
      return HeaderEntry.decode(ByteBuffer.wrap(buf));
    } catch (EntryFormatException e) {
      throw new MalformedFrameException("bad header packet: offset=" + at + ": " + e.getMessage());
    }
  }

  private StreamEntry readEntry(byte packetType, long at) throws IOException {
    prefix[0] = packetType;
    in.readFully(prefix, 1, EntryPacket.HEADER_BYTES - 1);
    ByteBuffer p = ByteBuffer.wrap(prefix);
    int length;
    try {
      length = EntryPacket.checkPrefix(packetType, p, 0, at);
    } catch (EntryFormatException e) {
      throw new MalformedFrameException(e.getMessage());
    }
    byte[] data = new byte[length - EntryPacket.HEADER_BYTES];
    in.readFully(data);
    offset += length - 1;
    long number = p.getLong(EntryPacket.OFFSET_NUMBER);
    if (number < 0) {
      throw new MalformedFrameException(
          "entry number out of range: offset=" + at + ", number=" + Long.toUnsignedString(number));
    }
    return new StreamEntry(number, p.getInt(EntryPacket.OFFSET_TYPE), data);
  }
}

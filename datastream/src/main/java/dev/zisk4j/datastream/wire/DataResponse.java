package dev.zisk4j.datastream.wire;

import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.file.StreamEntry;
import java.nio.ByteBuffer;

/**
 * The reply to the Entry and Bookmark commands (spec §3.2): the entry layout of {@link EntryPacket}
 * with packet type 0xFE, or the fixed not-found form.
 *
 * <pre>
 *  found:      fe | len u32 = 17+n | type u32 | number u64 | data (n bytes)
 *  not found:  fe | 00000011       | ffffffff | 0000000000000000
 * </pre>
 */
public final class DataResponse {
  /** Entry type of the not-found reply. */
  public static final int NOT_FOUND_TYPE = StreamEntry.NOT_FOUND_TYPE;

  private static final byte[] NOT_FOUND = notFoundBytes();

  private DataResponse() {}

  /** The reply carrying {@code entry}. */
  public static byte[] of(StreamEntry entry) {
    return EntryPacket.toBytes(EntryPacket.DATA_RSP, entry);
  }

  /** The 17-byte not-found reply (a fresh copy). */
  public static byte[] notFound() {
    return NOT_FOUND.clone();
  }

  /** True when a decoded reply is the not-found form. */
  public static boolean isNotFound(StreamEntry reply) {
    return reply.type() == NOT_FOUND_TYPE && reply.data().length == 0;
  }

  private static byte[] notFoundBytes() {
    ByteBuffer b = ByteBuffer.allocate(EntryPacket.HEADER_BYTES);
    EntryPacket.encode(EntryPacket.DATA_RSP, NOT_FOUND_TYPE, 0, new byte[0], b);
    return b.array();
  }
}

package dev.zisk4j.datastream.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a bookmark log into {@link BookmarkEntries}, stopping at the first torn or corrupt record.
 *
 * @param covered      the last COVERED value (after later truncates), 0 if none
 * @param recheck      entries named by RECHECK records
 * @param validEnd     log offset just past the last good record
 * @param droppedBytes bytes past {@code validEnd} (a torn or corrupt tail)
 * @param wasteRecords TRUNCATE and RECHECK records (a reason to compact)
 * @param fresh        the log did not exist or had no valid magic
 */
record LogReplay(long covered, List<Long> recheck, long validEnd, long droppedBytes, int wasteRecords, boolean fresh) {

  static LogReplay read(Path path, BookmarkEntries into) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return new LogReplay(0, List.of(), 0, 0, 0, true);
    }
    int magic = BookmarkLogFormat.MAGIC.length;
    if (all.length < magic || !Arrays.equals(all, 0, magic, BookmarkLogFormat.MAGIC, 0, magic)) {
      return new LogReplay(0, List.of(), 0, all.length, 0, true);
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    b.position(magic);
    long covered = 0;
    List<Long> recheck = new ArrayList<>();
    int waste = 0;
    while (b.remaining() >= BookmarkLogFormat.RECORD_PREFIX) {
      int start = b.position();
      byte kind = b.get(start);
      int payload = b.getInt(start + 1);
      if (payload < 8 || payload > BookmarkLogFormat.MAX_PAYLOAD
          || b.remaining() < BookmarkLogFormat.recordLength(payload)) {
        break;
      }
      int crcAt = start + BookmarkLogFormat.RECORD_PREFIX + payload;
      if (BookmarkLogFormat.crc(b, start, crcAt - start) != b.getInt(crcAt)) {
        break;
      }
      long n = b.getLong(start + BookmarkLogFormat.RECORD_PREFIX);
      if (n < 0) {
        break;
      }
      switch (kind) {
        case BookmarkLogFormat.ADD -> {
          byte[] key = Arrays.copyOfRange(all, start + BookmarkLogFormat.RECORD_PREFIX + 8, crcAt);
          into.insert(n, new BookmarkKey(key));
        }
        case BookmarkLogFormat.COVERED -> covered = n;
        case BookmarkLogFormat.TRUNCATE -> {
          into.truncate(n);
          covered = Math.min(covered, n);
          waste++;
        }
        case BookmarkLogFormat.RECHECK -> {
          recheck.add(n);
          waste++;
        }
        default -> {
          // An unknown kind can only come from corruption that kept a valid CRC by chance: stop here.
          return new LogReplay(covered, recheck, start, all.length - start, waste, false);
        }
      }
      b.position(crcAt + BookmarkLogFormat.CRC_BYTES);
    }
    return new LogReplay(covered, recheck, b.position(), all.length - b.position(), waste, false);
  }
}

package dev.zisk4j.datastream.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Positional I/O on one stream file: creating and checking it, reading and writing the header,
 * growing it, reading entries and locating entry N. Holds no stream state of its own, so all
 * methods are safe to call from several threads (positional reads and writes do not share a
 * position).
 */
final class StreamFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final boolean writable;
  private volatile long size;

  private StreamFile(Path path, FileChannel channel, boolean writable, long size) {
    this.path = path;
    this.channel = channel;
    this.writable = writable;
    this.size = size;
  }

  /** The file, opened read-only. @throws IOException if it cannot be opened */
  static StreamFile openReadOnly(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    return new StreamFile(path, ch, false, ch.size());
  }

  /**
   * The file opened for writing; an absent or empty file is created with {@code initial} as header,
   * 100 zeroed data pages, and synced (file and directory).
   */
  static StreamFile openWritable(Path path, StreamHeader initial) throws IOException {
    boolean existed = Files.exists(path) && Files.size(path) > 0;
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
        StandardOpenOption.CREATE);
    StreamFile f = new StreamFile(path, ch, true, ch.size());
    lockForWriting(path, ch);
    if (!existed) {
      try {
        f.create(initial);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    }
    return f;
  }

  /**
   * Takes an exclusive lock on the file for the life of the channel: two producers on one file
   * would interleave entries and headers (the reference does not guard against this).
   */
  private static void lockForWriting(Path path, FileChannel ch) throws IOException {
    boolean locked;
    try {
      locked = ch.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      locked = false;
    }
    if (!locked) {
      ch.close();
      throw new IOException("stream file in use by another writer: file=" + path);
    }
  }

  private void create(StreamHeader h) throws IOException {
    ByteBuffer page = ByteBuffer.allocate(StreamFileLayout.HEADER_PAGE_BYTES);
    page.put(StreamFileLayout.MAGIC);
    HeaderEntry.encode(h, page);
    page.clear();
    writeFully(page, 0);
    growTo(StreamFileLayout.INITIAL_FILE_BYTES);
    channel.force(true);
    syncDirectory(path);
  }

  /** Fsyncs the directory holding {@code file}, so that its creation or rename survives a crash. */
  static void syncDirectory(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory for reading; the rename is then as durable as they make it.
    }
  }

  /**
   * Reads and checks the header page: size, magic, packet type, length and stream type.
   *
   * @param expectedStreamType the stream type the caller wants, or -1 to accept any
   * @throws EntryFormatException naming the failed check
   */
  StreamHeader readHeader(long expectedStreamType) throws IOException {
    if (size < StreamFileLayout.HEADER_PAGE_BYTES) {
      throw new EntryFormatException("stream file too short for its header page: file=" + path + ", size=" + size
          + ", minimum=4096");
    }
    ByteBuffer b = ByteBuffer.allocate(StreamFileLayout.HEADER_ENTRY_OFFSET + HeaderEntry.LENGTH);
    readFully(b, 0);
    b.flip();
    byte[] magic = new byte[StreamFileLayout.MAGIC.length];
    b.get(magic);
    if (!Arrays.equals(magic, StreamFileLayout.MAGIC)) {
      throw new EntryFormatException("bad magic: file=" + path + ", expected=polygonDATSTREAM");
    }
    StreamHeader h = HeaderEntry.decode(b);
    if (expectedStreamType != -1 && h.streamType() != expectedStreamType) {
      throw new EntryFormatException("stream type mismatch: file=" + path + ", streamType=" + h.streamType()
          + ", expected=" + expectedStreamType);
    }
    if (h.totalLength() > size) {
      throw new EntryFormatException("file shorter than its committed length: file=" + path + ", size=" + size
          + ", totalLength=" + h.totalLength());
    }
    return h;
  }

  /** True when the header on disk is the legacy 29-byte form. */
  boolean hasLegacyHeader() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(5);
    readFully(b, StreamFileLayout.HEADER_ENTRY_OFFSET);
    return b.getInt(1) == HeaderEntry.LEGACY_LENGTH;
  }

  /** Rewrites the 38-byte header entry at offset 16 (the commit point); no sync. */
  void writeHeader(StreamHeader h, ByteBuffer scratch) throws IOException {
    scratch.clear();
    HeaderEntry.encode(h, scratch);
    scratch.flip();
    writeFully(scratch, StreamFileLayout.HEADER_ENTRY_OFFSET);
  }

  /** Extends the file with zeros to {@code newSize} if it is shorter (sparse where the file system allows). */
  void growTo(long newSize) throws IOException {
    if (newSize <= size) {
      return;
    }
    writeFully(ByteBuffer.wrap(new byte[1]), newSize - 1);
    size = newSize;
  }

  /**
   * Makes sure the file is long enough to hold bytes up to {@code end}, growing by whole 10-page steps
   * (a file cut to a partial page, as the fixtures are, is first completed to a whole page).
   */
  void ensureCapacity(long end) throws IOException {
    long s = size;
    if (end <= s) {
      return;
    }
    long wholePages = (s - StreamFileLayout.HEADER_PAGE_BYTES + StreamFileLayout.DATA_PAGE_BYTES - 1)
        / StreamFileLayout.DATA_PAGE_BYTES;
    long target = StreamFileLayout.pageStart(wholePages);
    while (target < end) {
      target = StreamFileLayout.grownSize(target);
    }
    growTo(target);
  }

  long size() {
    return size;
  }

  Path path() {
    return path;
  }

  boolean writable() {
    return writable;
  }

  void force() throws IOException {
    channel.force(false);
  }

  void writeFully(ByteBuffer src, long position) throws IOException {
    long p = position;
    while (src.hasRemaining()) {
      p += channel.write(src, p);
    }
  }

  /** Fills {@code dst} from {@code position}; fails if the file ends first. */
  void readFully(ByteBuffer dst, long position) throws IOException {
    long p = position;
    while (dst.hasRemaining()) {
      int n = channel.read(dst, p);
      if (n < 0) {
        throw new EntryFormatException("unexpected end of stream file: file=" + path + ", offset=" + p);
      }
      p += n;
    }
  }

  /**
   * The absolute offset of entry {@code n}, which must be below {@code h.totalEntries()}: a binary
   * search over the first entries of the data pages (every used page starts with an entry), then a
   * scan of the one page that holds it.
   *
   * @throws EntryFormatException if a page does not start with an entry or the page scan fails
   */
  long locate(long n, StreamHeader h) throws IOException {
    if (n < 0 || n >= h.totalEntries()) {
      throw new IllegalArgumentException("entry number out of range: n=" + n + ", totalEntries=" + h.totalEntries());
    }
    ByteBuffer prefix = ByteBuffer.allocate(EntryPacket.HEADER_BYTES);
    long lo = 0;
    long hi = StreamFileLayout.pageOf(h.totalLength() - 1);
    // Invariant: page lo's first entry is <= n; the answer page is in [lo, hi].
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      long first = firstEntryOfPage(mid, prefix);
      if (first <= n) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    long pos = StreamFileLayout.pageStart(lo);
    long pageEnd = Math.min(StreamFileLayout.pageStart(lo + 1), h.totalLength());
    while (pos < pageEnd) {
      prefix.clear();
      readFully(prefix, pos);
      if (prefix.get(0) == EntryPacket.PADDING) {
        break;
      }
      int len = EntryPacket.checkPrefix(EntryPacket.DATA, prefix, 0, pos);
      long num = EntryPacket.numberAt(prefix, 0);
      if (num == n) {
        return pos;
      }
      if (num > n) {
        break;
      }
      pos += len;
    }
    throw new EntryFormatException("entry not found where the page index puts it: file=" + path + ", n=" + n
        + ", page=" + lo);
  }

  private long firstEntryOfPage(long page, ByteBuffer prefix) throws IOException {
    long pos = StreamFileLayout.pageStart(page);
    prefix.clear();
    readFully(prefix, pos);
    if (prefix.get(0) != EntryPacket.DATA) {
      throw new EntryFormatException("page not starting with entry data: file=" + path + ", page=" + page
          + ", offset=" + pos + ", packetType=0x" + Integer.toHexString(prefix.get(0) & 0xFF));
    }
    EntryPacket.checkPrefix(EntryPacket.DATA, prefix, 0, pos);
    return EntryPacket.numberAt(prefix, 0);
  }

  /** Reads the whole entry at {@code pos}, checking that it carries number {@code expected}. */
  StreamEntry readEntry(long pos, long expected) throws IOException {
    ByteBuffer prefix = ByteBuffer.allocate(EntryPacket.HEADER_BYTES);
    readFully(prefix, pos);
    int len = EntryPacket.checkPrefix(EntryPacket.DATA, prefix, 0, pos);
    ByteBuffer whole = ByteBuffer.allocate(len);
    readFully(whole, pos);
    whole.flip();
    StreamEntry e = EntryPacket.decode(EntryPacket.DATA, whole, pos);
    if (e.number() != expected) {
      throw new EntryFormatException("entry number out of sequence: file=" + path + ", offset=" + pos
          + ", number=" + e.number() + ", expected=" + expected);
    }
    return e;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

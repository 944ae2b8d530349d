package dev.zisk4j.datastream.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent bookmark index of one stream file: bookmark bytes → entry number, kept in memory
 * and persisted as an append-only log beside the stream file ({@link BookmarkLogFormat}).
 *
 * <p>The stream file is the truth; the log only saves a full scan on open. On open the log is
 * replayed, then reconciled with the stream's committed header: rows at or above the committed
 * entry count are dropped, entries the log does not cover are scanned from the stream, rewritten
 * entries are read back. So the index is consistent with the file after a crash at any point,
 * without syncing the log on each commit. Only truncate and in-place rewrite sync the log, and
 * before they touch the stream file, because after them the file alone cannot show the stale row.
 *
 * <p>Thread safety: lookups may run on any thread concurrently with the producer; the mutating
 * calls come from the producer side, one at a time.
 */
public final class BookmarkIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BookmarkIndex.class);

  /** Reads what the index needs from the stream file on open. */
  public interface StreamSource {
    /** Calls {@code sink} with each bookmark entry in {@code [from, to)}, in order. */
    void scanBookmarks(long from, long to, BookmarkSink sink) throws IOException;

    /** The key of entry {@code n} if it is a bookmark entry. */
    Optional<byte[]> bookmarkAt(long n) throws IOException;
  }

  /** Receives bookmark entries from a scan. */
  @FunctionalInterface
  public interface BookmarkSink {
    void bookmark(long entry, byte[] key);
  }

  /** A bookmark committed at {@code entry}. */
  public record Bookmark(long entry, byte[] key) {}

  /**
   * What opening the index had to fix.
   *
   * @param droppedLogBytes bytes of a torn or corrupt log tail that were cut
   * @param droppedRows     rows at or above the committed entry count (uncommitted, rolled back or truncated)
   * @param scannedFrom     first entry scanned from the stream because the log did not cover it
   * @param scannedTo       end of that scan (equal to scannedFrom when nothing was scanned)
   * @param rechecked       entries rewritten in place whose bookmark was read back from the stream
   */
  public record Repair(long droppedLogBytes, int droppedRows, long scannedFrom, long scannedTo, int rechecked) {
    public boolean changedAnything() {
      return droppedLogBytes > 0 || droppedRows > 0 || scannedTo > scannedFrom || rechecked > 0;
    }
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final BookmarkEntries entries;
  private final Path logPath;
  private final Repair repair;
  private FileChannel log;
  private long logEnd;
  private ByteBuffer scratch = ByteBuffer.allocate(4096);
  private long covered;
  private boolean closed;
  /** Set when the log failed and could not be deleted: it may hold rows a truncate would make stale. */
  private IOException unusableLog;

  private BookmarkIndex(BookmarkEntries entries, Path logPath, FileChannel log, long logEnd, Repair repair, long covered) {
    this.entries = entries;
    this.logPath = logPath;
    this.log = log;
    this.logEnd = logEnd;
    this.repair = repair;
    this.covered = covered;
  }

  /**
   * Opens (creating if absent) the index log at {@code logPath}, repairs it against the stream and
   * compacts it when it had to be repaired; with {@code logPath == null} builds a memory-only index
   * by scanning the stream (used for read-only opens).
   *
   * @throws IOException if the log cannot be read or written, or the stream scan fails
   */
  public static BookmarkIndex open(Path logPath, long totalEntries, StreamSource source) throws IOException {
    BookmarkEntries entries = new BookmarkEntries();
    if (logPath == null) {
      source.scanBookmarks(0, totalEntries, (n, key) -> entries.add(n, BookmarkKey.copyOf(key)));
      return new BookmarkIndex(entries, null, null, 0, new Repair(0, 0, 0, totalEntries, 0), totalEntries);
    }
    LogReplay replay = LogReplay.read(logPath, entries);
    int dropped = entries.truncate(totalEntries);
    // Rows between the covered mark and the end are rebuilt by the scan below, so drop them first.
    long cov = Math.min(replay.covered(), totalEntries);
    int rechecked = 0;
    for (long n : replay.recheck()) {
      if (n < totalEntries) {
        entries.remove(n);
        Optional<byte[]> key = source.bookmarkAt(n);
        if (key.isPresent()) {
          entries.insert(n, BookmarkKey.copyOf(key.get()));
        }
        rechecked++;
      }
    }
    long scanFrom = cov;
    dropped += entries.truncate(scanFrom);
    source.scanBookmarks(scanFrom, totalEntries, (n, key) -> entries.add(n, BookmarkKey.copyOf(key)));
    Repair repair = new Repair(replay.droppedBytes(), dropped, scanFrom, totalEntries, rechecked);
    boolean rewrite = repair.changedAnything() || replay.wasteRecords() > 0 || replay.fresh();
    long logEnd = replay.validEnd();
    if (rewrite) {
      writeSnapshot(logPath, entries, totalEntries);
      logEnd = Files.size(logPath);
      if (repair.changedAnything() && !replay.fresh()) {
        LOG.info("bookmark index repaired: file={}, {}", logPath, repair);
      }
    }
    FileChannel ch = FileChannel.open(logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new BookmarkIndex(entries, logPath, ch, logEnd, repair, totalEntries);
  }

  /** The conventional log path beside a stream file: {@code <file>.bookmarks}. */
  public static Path logPathFor(Path streamFile) {
    return streamFile.resolveSibling(streamFile.getFileName() + ".bookmarks");
  }

  private static void writeSnapshot(Path logPath, BookmarkEntries entries, long covered) throws IOException {
    Path tmp = logPath.resolveSibling(logPath.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      b.put(BookmarkLogFormat.MAGIC);
      for (int i = 0; i < entries.size(); i++) {
        byte[] key = entries.keyAt(i).bytes();
        if (b.remaining() < BookmarkLogFormat.recordLength(8 + key.length)) {
          b.flip();
          writeFully(ch, b, ch.size());
          b.clear();
          if (b.remaining() < BookmarkLogFormat.recordLength(8 + key.length)) {
            b = ByteBuffer.allocate(BookmarkLogFormat.recordLength(8 + key.length));
          }
        }
        BookmarkLogFormat.put(b, BookmarkLogFormat.ADD, entries.numberAt(i), key);
      }
      if (b.remaining() < BookmarkLogFormat.recordLength(8)) {
        b.flip();
        writeFully(ch, b, ch.size());
        b.clear();
      }
      BookmarkLogFormat.put(b, BookmarkLogFormat.COVERED, covered, null);
      b.flip();
      writeFully(ch, b, ch.size());
      ch.force(true);
    }
    Files.move(tmp, logPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(logPath.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Directory sync is not supported everywhere; the rename is then as durable as the file system makes it.
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      p += ch.write(b, p);
    }
  }

  /** What opening had to fix. */
  public Repair repair() {
    return repair;
  }

  /** The newest entry below {@code committedEnd} that holds bookmark {@code key}. */
  public OptionalLong lookup(byte[] key, long committedEnd) {
    lock.readLock().lock();
    try {
      return entries.lookup(new BookmarkKey(key), committedEnd);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of bookmark entries held. */
  public int size() {
    lock.readLock().lock();
    try {
      return entries.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Adds the bookmarks of commits that ended at {@code endEntry} and logs them (no sync: a lost log
   * tail is rescanned from the stream on open). Never fails: see {@link #appendOrDrop()}.
   */
  public void committed(List<Bookmark> added, long endEntry) {
    if (added.isEmpty()) {
      covered = endEntry;
      return;
    }
    lock.writeLock().lock();
    try {
      for (Bookmark b : added) {
        entries.add(b.entry(), BookmarkKey.copyOf(b.key()));
      }
    } finally {
      lock.writeLock().unlock();
    }
    if (log != null) {
      scratch.clear();
      for (Bookmark b : added) {
        ensureScratch(BookmarkLogFormat.recordLength(8 + b.key().length) + BookmarkLogFormat.recordLength(8));
        BookmarkLogFormat.put(scratch, BookmarkLogFormat.ADD, b.entry(), b.key());
      }
      BookmarkLogFormat.put(scratch, BookmarkLogFormat.COVERED, endEntry, null);
      appendOrDrop();
    }
    covered = endEntry;
  }

  /**
   * Appends the scratch records without failing the commit they belong to: the commit is already
   * on disk, and the log is only a cache of the file. On an I/O error the log is deleted (the next
   * open rebuilds it by a scan) and logging stops; if even the delete fails, truncate and rewrite
   * refuse to run, because a stale log could then outlive them.
   */
  private void appendOrDrop() {
    try {
      appendScratch(false);
    } catch (IOException e) {
      dropLog(e);
    }
  }

  private void dropLog(IOException cause) {
    FileChannel ch = log;
    log = null;
    try {
      ch.close();
    } catch (IOException ignored) {
      // Already failing; the delete below is what matters.
    }
    try {
      Files.deleteIfExists(logPath);
      LOG.warn("bookmark log write failed; log deleted, it is rebuilt on the next open: file={}", logPath, cause);
    } catch (IOException e) {
      unusableLog = e;
      LOG.error("bookmark log write failed and the log cannot be deleted; truncate and rewrite are refused: file={}",
          logPath, e);
    }
  }

  /** Logs and syncs that entries from {@code newTotalEntries} on are about to be cut; call before the stream's header changes. */
  public void beforeTruncate(long newTotalEntries) throws IOException {
    logSynced(BookmarkLogFormat.TRUNCATE, newTotalEntries);
  }

  /** Forgets bookmarks at or above {@code newTotalEntries}; call once the truncate is committed. */
  public void truncated(long newTotalEntries) {
    lock.writeLock().lock();
    try {
      entries.truncate(newTotalEntries);
    } finally {
      lock.writeLock().unlock();
    }
    covered = Math.min(covered, newTotalEntries);
  }

  /** Logs and syncs that entry {@code n} is about to be rewritten in place. */
  public void beforeRewrite(long n) throws IOException {
    logSynced(BookmarkLogFormat.RECHECK, n);
  }

  /** Entry {@code n} now holds bookmark {@code newKey}, or no bookmark when null. */
  public void rewritten(long n, byte[] newKey) {
    lock.writeLock().lock();
    try {
      entries.remove(n);
      if (newKey != null) {
        entries.insert(n, BookmarkKey.copyOf(newKey));
      }
    } finally {
      lock.writeLock().unlock();
    }
    if (log != null && newKey != null) {
      scratch.clear();
      ensureScratch(BookmarkLogFormat.recordLength(8 + newKey.length));
      BookmarkLogFormat.put(scratch, BookmarkLogFormat.ADD, n, newKey);
      appendOrDrop();
    }
  }

  private void logSynced(byte kind, long n) throws IOException {
    if (unusableLog != null) {
      throw new IOException("bookmark log could not be written nor deleted: file=" + logPath, unusableLog);
    }
    if (log == null) {
      return;
    }
    scratch.clear();
    BookmarkLogFormat.put(scratch, kind, n, null);
    appendScratch(true);
  }

  private void ensureScratch(int more) {
    if (scratch.remaining() < more) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(scratch.capacity() * 2, scratch.position() + more));
      scratch.flip();
      bigger.put(scratch);
      scratch = bigger;
    }
  }

  private void appendScratch(boolean sync) throws IOException {
    scratch.flip();
    int n = scratch.remaining();
    writeFully(log, scratch, logEnd);
    logEnd += n;
    if (sync) {
      log.force(false);
    }
  }

  /** Logs the covered end and closes the log; idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (log != null) {
      try {
        scratch.clear();
        BookmarkLogFormat.put(scratch, BookmarkLogFormat.COVERED, covered, null);
        appendScratch(true);
      } finally {
        log.close();
      }
    }
  }

  /** Closes the log without writing anything more (crash simulation in tests). */
  public void abandon() throws IOException {
    closed = true;
    if (log != null) {
      log.close();
    }
  }

  /** For tests and tools: every (entry, key) pair held, in entry order. */
  public List<Bookmark> snapshot() {
    lock.readLock().lock();
    try {
      List<Bookmark> out = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        out.add(new Bookmark(entries.numberAt(i), entries.keyAt(i).bytes().clone()));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }
}

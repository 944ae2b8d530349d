package dev.zisk4j.datastream.file;

import dev.zisk4j.datastream.index.BookmarkIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream file with its bookmark index: the producer API of spec §5 and a read side that sees
 * committed state only.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li>One atomic operation is open at a time and it belongs to the thread that started it:
 *       {@link #startAtomicOp()} on another thread waits until the open one is committed or rolled
 *       back; the same thread starting a second one gets {@code ATOMIC_OP_IN_PROGRESS}; add, commit
 *       and rollback from a thread without an open op get {@code NO_ATOMIC_OP}.</li>
 *   <li>In {@link Durability#FSYNC} mode a commit seals the op (entries written to the page cache)
 *       and releases the op to the next thread before it waits for the sync, so commits of
 *       several threads share syncs ({@link GroupCommit}).</li>
 *   <li>Reads ({@link #header()}, {@link #entry}, {@link #cursor}, bookmarks) run on any thread,
 *       concurrently with the producer, and see only committed entries.</li>
 * </ul>
 *
 * <h2>Files</h2>
 * The stream file (spec §2) and beside it the bookmark log {@code <file>.bookmarks} ({@link BookmarkIndex}).
 * Opening trusts the header alone: bytes past the committed length are ignored and overwritten.
 */
public final class DataStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataStream.class);

  private final StreamFile file;
  private final DataStreamConfig config;
  private final BookmarkIndex index;
  private final boolean legacyHeader;

  // Producer side: guarded by opLock, owned by the thread holding it.
  private final ReentrantLock opLock = new ReentrantLock();
  private final EntryAppender appender;
  // Direct, so that the header pwrite needs no copy into a temporary direct buffer.
  private final ByteBuffer headerScratch = ByteBuffer.allocateDirect(HeaderEntry.LENGTH);
  /** Used only by the group-commit leader (one at a time). */
  private final ByteBuffer syncHeaderScratch = ByteBuffer.allocateDirect(HeaderEntry.LENGTH);
  private final List<BookmarkIndex.Bookmark> opBookmarks = new ArrayList<>();
  private long opFirstEntry;
  private boolean opOpen;
  /** Header after the last commit call (durable or not); the next op continues from here. */
  private StreamHeader sealed;
  private final GroupCommit groupCommit;

  // Read side.
  private final CommittedState view;
  private volatile boolean closed;

  private DataStream(StreamFile file, DataStreamConfig config, StreamHeader header, boolean legacyHeader,
      BookmarkIndexOpener indexOpener) throws IOException {
    this.file = file;
    this.config = config;
    this.legacyHeader = legacyHeader;
    this.view = new CommittedState(header);
    this.sealed = header;
    this.appender = new EntryAppender(file, header);
    this.groupCommit = new GroupCommit(this::makeDurable);
    this.index = indexOpener.open(this);
  }

  @FunctionalInterface
  private interface BookmarkIndexOpener {
    BookmarkIndex open(DataStream s) throws IOException;
  }

  /**
   * Opens {@code path} for producing, creating it (with the config's version, system id and stream
   * type) if absent or empty. An existing file keeps its own version and system id (spec §2.1).
   *
   * @throws EntryFormatException if the file is not a stream file, has another stream type, is
   *     shorter than its committed length, or has a legacy 29-byte header (open it read-only)
   * @throws IOException if it cannot be read or written, or another writer (this process or
   *     another) has it open: a writable open holds an exclusive file lock until {@link #close()}
   */
  public static DataStream open(Path path, DataStreamConfig config) throws IOException {
    StreamFile f = StreamFile.openWritable(path,
        StreamHeader.empty(config.version(), config.systemId(), config.streamType()));
    try {
      if (f.size() >= StreamFileLayout.HEADER_PAGE_BYTES && f.hasLegacyHeader()) {
        throw new EntryFormatException("legacy 29-byte header: file=" + path
            + "; open it read-only, the producer writes only the 38-byte form");
      }
      StreamHeader h = f.readHeader(config.streamType());
      if (h.version() != config.version() || h.systemId() != config.systemId()) {
        LOG.info("stream file keeps its own header values: file={}, version={}, systemId={}, configVersion={}, "
            + "configSystemId={}", path, h.version(), h.systemId(), config.version(), config.systemId());
      }
      Path logPath = BookmarkIndex.logPathFor(path);
      return new DataStream(f, config, h, false, s -> BookmarkIndex.open(logPath, h.totalEntries(), s.indexSource()));
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /**
   * Opens {@code path} for reading only (any stream type, either header form; the file may be cut
   * to its committed length as the fixtures are). Bookmarks are indexed in memory by a scan; the
   * producer calls fail with {@code READ_ONLY}.
   */
  public static DataStream openReadOnly(Path path) throws IOException {
    StreamFile f = StreamFile.openReadOnly(path);
    try {
      StreamHeader h = f.readHeader(-1);
      boolean legacy = f.hasLegacyHeader();
      DataStreamConfig cfg = new DataStreamConfig(h.streamType(), h.version(), h.systemId(), Durability.OS);
      return new DataStream(f, cfg, h, legacy, s -> BookmarkIndex.open(null, h.totalEntries(), s.indexSource()));
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- producer API

  /**
   * Opens an atomic operation for the calling thread, waiting while another thread has one open.
   *
   * @throws ProducerRuleException {@code ATOMIC_OP_IN_PROGRESS} if this thread already has one,
   *     {@code READ_ONLY}, {@code CLOSED}
   */
  public void startAtomicOp() {
    checkWritable();
    if (opLock.isHeldByCurrentThread()) {
      throw new ProducerRuleException(ProducerRuleException.Rule.ATOMIC_OP_IN_PROGRESS,
          "atomic operation already started by this thread: firstEntry=" + opFirstEntry);
    }
    opLock.lock();
    if (closed) {
      opLock.unlock();
      throw new ProducerRuleException(ProducerRuleException.Rule.CLOSED, "stream closed: file=" + file.path());
    }
    opOpen = true;
    opFirstEntry = appender.nextNumber();
    opBookmarks.clear();
  }

  /**
   * Appends an entry to the open operation and returns its number (visible to readers at commit).
   *
   * @throws ProducerRuleException {@code NO_ATOMIC_OP}, {@code ENTRY_TOO_LARGE} (data over 1 MiB − 17)
   * @throws IOException if the file cannot be written (the op should then be rolled back)
   */
  public long addEntry(int type, byte[] data) throws IOException {
    requireOwnOp("addEntry");
    return appender.append(type, data);
  }

  /**
   * The number the next {@code addEntry}/{@code addBookmark} of the calling thread's open operation
   * will return (lets a producer put the entry number into the payload).
   *
   * @throws ProducerRuleException {@code NO_ATOMIC_OP}
   */
  public long nextEntryNumber() {
    requireOwnOp("nextEntryNumber");
    return appender.nextNumber();
  }

  /**
   * Appends a bookmark entry (type 0xB0, data = {@code bookmark}) and returns its number; the
   * bookmark becomes findable at commit and never if the op is rolled back.
   */
  public long addBookmark(byte[] bookmark) throws IOException {
    requireOwnOp("addBookmark");
    long n = appender.append(StreamEntry.BOOKMARK_TYPE, bookmark);
    opBookmarks.add(new BookmarkIndex.Bookmark(n, bookmark.clone()));
    return n;
  }

  /**
   * Commits the open operation: its entries become visible to readers, listeners are told, and in
   * {@link Durability#FSYNC} mode this returns only once entries and header are on disk.
   *
   * @throws ProducerRuleException {@code NO_ATOMIC_OP}
   * @throws IOException if writing the entries or the header fails (the op is then discarded as by a
   *     rollback), or, in FSYNC mode, if the sync fails: the stream then refuses further commits and
   *     whether this op survived is known only after reopening
   */
  public void commitAtomicOp() throws IOException {
    requireOwnOp("commitAtomicOp");
    long sequence = -1;
    try {
      appender.flush();
      StreamHeader h = sealed.withEnd(appender.position(), appender.nextNumber());
      List<BookmarkIndex.Bookmark> bms = opBookmarks.isEmpty() ? List.of() : List.copyOf(opBookmarks);
      if (config.durability() == Durability.OS) {
        file.writeHeader(h, headerScratch);
        sealed = h;
        publish(opFirstEntry, h, bms);
      } else {
        sequence = groupCommit.submit(opFirstEntry, h, bms);
        sealed = h;
      }
    } catch (IOException | RuntimeException e) {
      appender.reset(sealed);
      throw e;
    } finally {
      opOpen = false;
      opBookmarks.clear();
      opLock.unlock();
    }
    if (sequence >= 0) {
      groupCommit.awaitDurable(sequence);
    }
  }

  /**
   * Discards the open operation: its entries and bookmarks are never visible; their bytes stay
   * past the committed end until overwritten.
   *
   * @throws ProducerRuleException {@code NO_ATOMIC_OP}
   */
  public void rollbackAtomicOp() {
    requireOwnOp("rollbackAtomicOp");
    try {
      appender.reset(sealed);
    } finally {
      opOpen = false;
      opBookmarks.clear();
      opLock.unlock();
    }
  }

  /**
   * Removes entries {@code n} and after: the header is rewritten (and synced in FSYNC mode), their
   * bookmarks are dropped, open cursors past {@code n} fail with {@link StreamTruncatedException},
   * truncate listeners are told.
   *
   * @throws ProducerRuleException {@code ATOMIC_OP_IN_PROGRESS} if this thread has an op open,
   *     {@code ENTRY_NOT_COMMITTED} if {@code n >= totalEntries}
   */
  public void truncate(long n) throws IOException {
    checkWritable();
    if (opLock.isHeldByCurrentThread()) {
      throw new ProducerRuleException(ProducerRuleException.Rule.ATOMIC_OP_IN_PROGRESS,
          "truncate inside an atomic operation: n=" + n + ", opFirstEntry=" + opFirstEntry);
    }
    opLock.lock();
    try {
      checkNotClosed();
      StreamHeader h = durableHeaderHolding(n, "truncate beyond the end");
      long pos = file.locate(n, h);
      StreamHeader cut = h.withEnd(pos, n);
      index.beforeTruncate(n);
      file.writeHeader(cut, headerScratch);
      if (config.durability() == Durability.FSYNC) {
        file.force();
      }
      // The cut bytes are unchanged until the next append overwrites them, but a reader's fill that
      // spans the cut and that overwrite must notice: hence the seqlock bump around the switch.
      view.beginChange();
      try {
        view.truncate(cut);
        sealed = cut;
        appender.reset(cut);
      } finally {
        view.endChange();
      }
      index.truncated(n);
      view.announceTruncate(n);
    } finally {
      opLock.unlock();
    }
  }

  /**
   * Rewrites the data of committed entry {@code n} in place (same type, same length) and syncs.
   * Clients that already received it are not told (as in the reference).
   *
   * @throws ProducerRuleException {@code ENTRY_NOT_COMMITTED}, {@code ENTRY_IN_CURRENT_OP},
   *     {@code TYPE_CHANGED}, {@code SIZE_CHANGED}
   */
  public void updateEntryData(long n, int type, byte[] data) throws IOException {
    checkWritable();
    boolean ownOp = opLock.isHeldByCurrentThread();
    if (ownOp && n >= opFirstEntry) {
      throw new ProducerRuleException(ProducerRuleException.Rule.ENTRY_IN_CURRENT_OP,
          "entry belongs to the open atomic operation: n=" + n + ", opFirstEntry=" + opFirstEntry);
    }
    if (!ownOp) {
      opLock.lock();
    }
    try {
      checkNotClosed();
      StreamHeader h = durableHeaderHolding(n, "no such committed entry");
      long pos = file.locate(n, h);
      StreamEntry old = file.readEntry(pos, n);
      if (old.type() != type) {
        throw new ProducerRuleException(ProducerRuleException.Rule.TYPE_CHANGED,
            "entry type differs: n=" + n + ", type=" + Integer.toUnsignedString(type)
                + ", existing=" + Integer.toUnsignedString(old.type()));
      }
      if (old.data().length != data.length) {
        throw new ProducerRuleException(ProducerRuleException.Rule.SIZE_CHANGED,
            "data length differs: n=" + n + ", length=" + data.length + ", existing=" + old.data().length);
      }
      boolean bookmark = old.isBookmark();
      if (bookmark) {
        index.beforeRewrite(n);
      }
      view.beginChange();
      try {
        file.writeFully(ByteBuffer.wrap(data), pos + EntryPacket.OFFSET_DATA);
      } finally {
        view.endChange();
      }
      file.force();
      if (bookmark) {
        index.rewritten(n, data);
      }
    } finally {
      if (!ownOp) {
        opLock.unlock();
      }
    }
  }

  // ---------------------------------------------------------------- read API

  /** The committed header (never the state of an open operation). */
  public StreamHeader header() {
    return view.header();
  }

  /** The config this stream was opened with (for a read-only open: derived from the file). */
  public DataStreamConfig config() {
    return config;
  }

  /** True when the file has the legacy 29-byte header (only possible read-only). */
  public boolean hasLegacyHeader() {
    return legacyHeader;
  }

  /** The stream file's path. */
  public Path path() {
    return file.path();
  }

  /**
   * Committed entry {@code n}.
   *
   * @throws IllegalArgumentException if {@code n} is negative or {@code n >= totalEntries}
   * @throws StreamTruncatedException if a truncate removed it while it was being read
   * @throws IOException if the file cannot be read or is corrupt
   */
  public StreamEntry entry(long n) throws IOException {
    checkNotClosed();
    while (true) {
      long seq = view.stableSeq();
      StreamHeader h = view.header();
      if (n < 0 || n >= h.totalEntries()) {
        throw new IllegalArgumentException("invalid entry number: n=" + n + ", totalEntries=" + h.totalEntries());
      }
      try {
        StreamEntry e = file.readEntry(file.locate(n, h), n);
        if (view.changeSeq() == seq) {
          return e;
        }
      } catch (EntryFormatException ex) {
        if (view.changeSeq() == seq) {
          throw ex;
        }
      }
    }
  }

  /** The entry number of committed bookmark {@code key} (the newest one if added twice). */
  public OptionalLong bookmark(byte[] key) {
    return index.lookup(key, view.header().totalEntries());
  }

  /**
   * The first non-bookmark entry at or after bookmark {@code key}'s entry; if only bookmarks follow
   * to the end, the last of them (the reference's behaviour, spec §3.3). Empty if the bookmark is unknown.
   */
  public Optional<StreamEntry> firstEventAfterBookmark(byte[] key) throws IOException {
    OptionalLong at = bookmark(key);
    if (at.isEmpty()) {
      return Optional.empty();
    }
    try (EntryCursor c = cursor(at.getAsLong())) {
      StreamEntry last = null;
      StreamEntry e;
      while ((e = c.next()) != null) {
        last = e;
        if (!e.isBookmark()) {
          break;
        }
      }
      return Optional.ofNullable(last);
    }
  }

  /**
   * The concatenated data of the non-bookmark entries in {@code [entry(from), entry(to))}; empty
   * if either bookmark is unknown.
   *
   * @throws IllegalArgumentException if {@code from}'s entry is after {@code to}'s
   */
  public Optional<byte[]> dataBetweenBookmarks(byte[] from, byte[] to) throws IOException {
    OptionalLong a = bookmark(from);
    OptionalLong b = bookmark(to);
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    if (a.getAsLong() > b.getAsLong()) {
      throw new IllegalArgumentException("bookmarks out of order: fromEntry=" + a.getAsLong()
          + ", toEntry=" + b.getAsLong());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EntryCursor c = cursor(a.getAsLong())) {
      StreamEntry e;
      while ((e = c.next()) != null && e.number() < b.getAsLong()) {
        if (!e.isBookmark()) {
          out.write(e.data());
        }
      }
    }
    return Optional.of(out.toByteArray());
  }

  /**
   * A cursor over committed entries from {@code from} (0 ≤ from ≤ totalEntries; equal means "at the
   * tip"). Each cursor is for one thread; any number may run concurrently with the producer.
   *
   * @throws IllegalArgumentException if {@code from} is negative or beyond the committed end
   */
  public EntryCursor cursor(long from) throws IOException {
    checkNotClosed();
    while (true) {
      long seq = view.stableSeq();
      StreamHeader h = view.header();
      if (from < 0 || from > h.totalEntries()) {
        throw new IllegalArgumentException("bad from entry: from=" + from + ", totalEntries=" + h.totalEntries());
      }
      long pos = from == h.totalEntries() ? h.totalLength() : file.locate(from, h);
      int seenTruncations = view.truncations().size();
      if (view.changeSeq() == seq) {
        return new EntryCursor(this, file, from, pos, seenTruncations);
      }
    }
  }

  /**
   * Waits until the committed entry count exceeds {@code beyondEntries} or the timeout passes, and
   * returns the committed entry count at that moment (which may still be ≤ {@code beyondEntries}
   * on timeout, or after a truncate).
   */
  public long awaitCommitted(long beyondEntries, long timeoutNanos) throws InterruptedException {
    return view.awaitCommitted(beyondEntries, timeoutNanos);
  }

  /** Adds a listener told of every later commit, in commit order. */
  public void addCommitListener(CommitListener l) {
    view.addCommitListener(l);
  }

  public void removeCommitListener(CommitListener l) {
    view.removeCommitListener(l);
  }

  /** Adds a listener told of every later truncate. */
  public void addTruncateListener(TruncateListener l) {
    view.addTruncateListener(l);
  }

  public void removeTruncateListener(TruncateListener l) {
    view.removeTruncateListener(l);
  }

  /**
   * Commit counters since open, for metrics: commits published and, in FSYNC mode, sync groups
   * (commits / syncGroups is the mean group size).
   */
  public CommitStats commitStats() {
    return new CommitStats(view.commits(), groupCommit.groups());
  }

  /** Counters behind {@link #commitStats()}. */
  public record CommitStats(long commits, long syncGroups) {}

  /** What opening the bookmark index had to repair. */
  public BookmarkIndex.Repair bookmarkRepair() {
    return index.repair();
  }

  /** Every committed bookmark with its entry number, in entry order (tools and tests). */
  public List<BookmarkIndex.Bookmark> bookmarks() {
    long end = view.header().totalEntries();
    return index.snapshot().stream().filter(b -> b.entry() < end).toList();
  }

  /**
   * Closes the stream: waits for an open operation of another thread to finish (an open op of
   * this thread is rolled back), makes pending commits durable, closes the files. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    boolean own = opLock.isHeldByCurrentThread();
    if (own) {
      rollbackAtomicOp();
    }
    opLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        groupCommit.awaitDurable(groupCommit.lastSubmitted());
      } finally {
        try {
          index.close();
        } finally {
          file.close();
        }
      }
    } finally {
      opLock.unlock();
      view.close();
    }
  }

  /**
   * For crash tests: drops the stream as a killed process would, closing the files without
   * finishing anything (no pending sync, no index log end mark). Package-private on purpose.
   */
  void abandon() throws IOException {
    closed = true;
    try {
      index.abandon();
    } finally {
      file.close();
    }
  }

  // ---------------------------------------------------------------- internals

  /**
   * With the op lock held: waits until every sealed op is durable and returns the committed header,
   * which must hold entry {@code n}.
   */
  private StreamHeader durableHeaderHolding(long n, String what) throws IOException {
    groupCommit.awaitDurable(groupCommit.lastSubmitted());
    StreamHeader h = view.header();
    if (n < 0 || n >= h.totalEntries()) {
      throw new ProducerRuleException(ProducerRuleException.Rule.ENTRY_NOT_COMMITTED,
          what + ": n=" + n + ", totalEntries=" + h.totalEntries());
    }
    return h;
  }

  /** FSYNC-mode group: data sync, header write, header sync, then publish each op in order. */
  private void makeDurable(List<GroupCommit.Sealed> group) throws IOException {
    file.force();
    GroupCommit.Sealed last = group.getLast();
    file.writeHeader(last.header(), syncHeaderScratch);
    file.force();
    for (GroupCommit.Sealed s : group) {
      publish(s.firstEntry(), s.header(), s.bookmarks());
    }
  }

  /** Makes a commit visible: index, header, waiters, listeners (callers publish in commit order). */
  private void publish(long firstEntry, StreamHeader h, List<BookmarkIndex.Bookmark> bookmarks) throws IOException {
    index.committed(bookmarks, h.totalEntries());
    view.publish(firstEntry, h);
  }

  long stableSeq() {
    return view.stableSeq();
  }

  long changeSeq() {
    return view.changeSeq();
  }

  /** Truncate points recorded since the stream was opened (cursors compare against their count). */
  List<Long> truncations() {
    return view.truncations();
  }

  boolean isClosed() {
    return closed;
  }

  private void requireOwnOp(String call) {
    if (!opLock.isHeldByCurrentThread() || !opOpen) {
      if (!file.writable()) {
        throw new ProducerRuleException(ProducerRuleException.Rule.READ_ONLY, call + " on a read-only stream: file="
            + file.path());
      }
      throw new ProducerRuleException(ProducerRuleException.Rule.NO_ATOMIC_OP,
          call + " without an atomic operation started by this thread");
    }
  }

  private void checkWritable() {
    if (!file.writable()) {
      throw new ProducerRuleException(ProducerRuleException.Rule.READ_ONLY, "stream opened read-only: file="
          + file.path());
    }
    checkNotClosed();
  }

  private void checkNotClosed() {
    if (closed) {
      throw new ProducerRuleException(ProducerRuleException.Rule.CLOSED, "stream closed: file=" + file.path());
    }
  }

  private BookmarkIndex.StreamSource indexSource() {
    return new BookmarkIndex.StreamSource() {
      @Override
      public void scanBookmarks(long from, long to, BookmarkIndex.BookmarkSink sink) throws IOException {
        if (from >= to) {
          return;
        }
        long pos = from == 0 ? StreamFileLayout.HEADER_PAGE_BYTES : file.locate(from, view.header());
        try (EntryCursor c = new EntryCursor(DataStream.this, file, from, pos, 0)) {
          StreamEntry e;
          while ((e = c.next()) != null && e.number() < to) {
            if (e.isBookmark()) {
              sink.bookmark(e.number(), e.data());
            }
          }
        }
      }

      @Override
      public Optional<byte[]> bookmarkAt(long n) throws IOException {
        StreamEntry e = file.readEntry(file.locate(n, view.header()), n);
        return e.isBookmark() ? Optional.of(e.data()) : Optional.empty();
      }
    };
  }

  @Override
  public String toString() {
    return "DataStream[file=" + file.path() + ", header=" + view.header() + ", durability=" + config.durability() + "]";
  }
}

package dev.zisk4j.io;

import dev.zisk4j.io.bincode.BincodeType;
import dev.zisk4j.io.bincode.BincodeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

/**
 * Buffered input for a job: framed records in memory (ZisK's {@code ZiskStdin}).
 *
 * <p>{@link #write} and {@link #writeSlice} append one record each; {@link #fromBytes} frames its
 * argument as a single record; {@link #fromFile} loads a file verbatim (it must already be framed,
 * like {@code cargo-zisk -i} files). {@link #readBytes} consumes one record from a read cursor, the
 * host mirror of the guest's {@code read_input_slice}. Thread-safe (every method is synchronized).
 */
public final class ZiskStdin implements InputSource {
  private final PendingBytes data = new PendingBytes();
  private final BincodeWriter scratch = new BincodeWriter();
  /** Offset of the next record {@link #readBytes} returns. */
  private long readOffset;

  /** An empty input. */
  public ZiskStdin() {}

  /** An input holding {@code payload} as its one record. */
  public static ZiskStdin fromBytes(byte[] payload) {
    ZiskStdin s = new ZiskStdin();
    s.writeSlice(payload);
    return s;
  }

  /**
   * An input whose bytes are the file's, verbatim (no framing added).
   *
   * @throws IOException if the file cannot be read or is larger than 2 GiB − 8
   */
  public static ZiskStdin fromFile(Path path) throws IOException {
    long size = Files.size(path);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("input file too large for ZiskStdin: size=" + size + ", max=" + (Integer.MAX_VALUE - 8)
          + ", path=" + path + " (stream it with ZiskStream instead)");
    }
    ZiskStdin s = new ZiskStdin();
    byte[] bytes = Files.readAllBytes(path);
    s.data.appendRaw(bytes, 0, bytes.length);
    return s;
  }

  /**
   * ZisK's {@code ZiskStdin::from_uri}: {@code null} gives an empty input, a {@code file://} URI or a
   * bare path loads that file verbatim.
   *
   * @throws IllegalArgumentException for any other scheme (streams are {@link ZiskStream}'s job)
   */
  public static ZiskStdin fromUri(java.net.URI uri) throws IOException {
    if (uri == null) {
      return new ZiskStdin();
    }
    if (uri.getScheme() != null && !"file".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("ZiskStdin takes file:// URIs or paths only: uri=" + uri
          + " (open live streams with InputReader.open)");
    }
    return fromFile(dev.zisk4j.io.transport.FileConsumerTransport.pathOf(uri));
  }

  /**
   * Appends a u64 as one record, like ZisK's {@code write(&3u64)}: shorthand for
   * {@code write(Bincode.U64, value)} (bincode varint; the value's bits are read as unsigned).
   */
  public void write(long value) {
    write(dev.zisk4j.io.bincode.Bincode.U64, value);
  }

  /** Appends {@code value} encoded as bincode 2 {@code standard()}, framed as one record. */
  public synchronized <T> void write(BincodeType<T> type, T value) {
    scratch.reset();
    type.encode(value, scratch);
    data.appendRecord(scratch.array(), 0, scratch.size());
  }

  /** Appends {@code payload} verbatim as one framed record. */
  public synchronized void writeSlice(byte[] payload) {
    data.appendRecord(payload, 0, payload.length);
  }

  /**
   * The next record's payload, advancing the read cursor.
   *
   * @throws EndOfInputException if every record has been read
   * @throws InputFormatException if the bytes at the cursor are not a valid record
   */
  public synchronized byte[] readBytes() throws IOException {
    InputReader r = InputReader.over(data.viewFrom((int) readOffset), InputReader.Options.DEFAULT);
    try {
      return r.readSlice();
    } catch (EndOfInputException e) {
      throw new EndOfInputException(readOffset, "a record header");
    } catch (InputFormatException e) {
      throw new InputFormatException(readOffset + e.offset(), e.getMessage());
    } finally {
      readOffset += r.position();
    }
  }

  /** All bytes of this input (every record, read or not), as a copy. */
  public synchronized byte[] bytes() {
    return data.toByteArray();
  }

  /** Total bytes of this input. */
  public synchronized long size() {
    return data.size();
  }

  /**
   * Writes all bytes to {@code path} atomically: a temporary file in the same directory, forced to
   * disk, then renamed over {@code path}, so a crash leaves either the old file or the new one.
   */
  public void save(Path path) throws IOException {
    byte[] bytes = bytes();
    Path abs = path.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** An in-memory reader over a snapshot of all bytes (not affected by {@link #readBytes}'s cursor). */
  @Override
  public InputReader openReader() {
    return InputReader.of(bytes());
  }
}

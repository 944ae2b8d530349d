package dev.zisk4j.io;

import dev.zisk4j.io.bincode.BincodeException;
import dev.zisk4j.io.bincode.BincodeType;
import dev.zisk4j.io.transport.ConsumerTransports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The consuming side of an input (what a prover or executor uses): records, typed values, raw bytes
 * and raw 64-bit words from a {@code unix://}, {@code quic://} or {@code file://} URI or from memory.
 *
 * <p>Every read blocks until its bytes have arrived. End of input exactly at a record boundary is a
 * clean end ({@link #hasMore()} returns false; a read throws {@link EndOfInputException}); end
 * anywhere else is an {@link InputFormatException} naming the offset and what was missing. A length
 * header over {@link Options#maxPayloadBytes()} is rejected before any allocation. Non-zero padding
 * is rejected: ZisK writers always zero it, so anything else means a corrupt or misaligned stream.
 *
 * <p>Not thread-safe: one consumer thread reads; {@link #close} may come from another thread.
 */
public final class InputReader implements AutoCloseable {
  private static final int BUFFER_BYTES = 64 * 1024;

  /**
   * Reader settings.
   *
   * @param maxPayloadBytes largest record payload accepted (default 1 GiB, the ZisK input region)
   * @param connectDeadline how long {@link #open(URI, Options)} waits for the producer (default 60 s)
   */
  public record Options(long maxPayloadBytes, Duration connectDeadline) {
    public static final Options DEFAULT = new Options(RecordFraming.DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofSeconds(60));

    public Options {
      if (maxPayloadBytes < 0 || maxPayloadBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxPayloadBytes out of range: maxPayloadBytes=" + maxPayloadBytes
            + ", max=" + (Integer.MAX_VALUE - 8));
      }
      Objects.requireNonNull(connectDeadline, "connectDeadline");
    }

    public Options withMaxPayloadBytes(long max) {
      return new Options(max, connectDeadline);
    }

    public Options withConnectDeadline(Duration deadline) {
      return new Options(maxPayloadBytes, deadline);
    }
  }

  private final InputStream in;
  private final Options options;
  private final byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int limit;
  private boolean eof;
  /** Offset in the input stream of {@code buf[0]}. */
  private long bufStart;
  /** {@link #readRecordWords}' framing state: payload words still due in the current record (0 at a boundary). */
  private long recordWordsLeft;
  private long recordOffset;
  private long recordLength;

  private InputReader(InputStream in, Options options) {
    this.in = in;
    this.options = options;
  }

  /** Connects to {@code uri} (unix, quic, file or a bare path) with default options. */
  public static InputReader open(URI uri) throws IOException {
    return open(uri, Options.DEFAULT);
  }

  /**
   * Connects to {@code uri}, waiting up to the options' connect deadline for the producer.
   *
   * @throws dev.zisk4j.io.transport.TransportTimeoutException if the producer never listened
   * @throws IllegalArgumentException for an unsupported scheme
   */
  public static InputReader open(URI uri, Options options) throws IOException {
    return new InputReader(ConsumerTransports.standard().connect(uri, options.connectDeadline()), options);
  }

  /** Reads an in-memory input (the bytes are not copied; do not change them while reading). */
  public static InputReader of(byte[] input) {
    return over(new ByteArrayInputStream(input), Options.DEFAULT);
  }

  /** Reads any byte stream; closing the reader closes it. */
  public static InputReader over(InputStream in, Options options) {
    return new InputReader(Objects.requireNonNull(in, "in"), Objects.requireNonNull(options, "options"));
  }

  /** Offset in the input stream of the next unread byte. */
  public long position() {
    return bufStart + pos;
  }

  /** Blocks until at least one more byte has arrived (true) or the input ended (false). */
  public boolean hasMore() throws IOException {
    return ensure(1) >= 1;
  }

  /**
   * Ensures up to {@code n} bytes (n ≤ buffer size) are buffered, blocking; returns how many are (less than
   * {@code n} only at end of input).
   */
  private int ensure(int n) throws IOException {
    while (limit - pos < n && !eof) {
      if (pos > 0 && buf.length - pos < n) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        bufStart += pos;
        limit -= pos;
        pos = 0;
      }
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
    return limit - pos;
  }

  /**
   * The next record's payload.
   *
   * @throws EndOfInputException at a clean end of input
   * @throws InputFormatException on a truncated record, an oversized length or non-zero padding
   */
  public byte[] readSlice() throws IOException {
    long recordOffset = position();
    int have = ensure(RecordFraming.HEADER_BYTES);
    if (have == 0) {
      throw new EndOfInputException(recordOffset, "a record header");
    }
    if (have < RecordFraming.HEADER_BYTES) {
      throw new InputFormatException(recordOffset, "truncated record header: received=" + have + ", missing="
          + (RecordFraming.HEADER_BYTES - have) + " bytes");
    }
    long length = RecordFraming.getHeader(buf, pos);
    if (length < 0 || length > options.maxPayloadBytes()) {
      throw new InputFormatException(recordOffset, "record length exceeds maximum: length="
          + Long.toUnsignedString(length) + ", max=" + options.maxPayloadBytes());
    }
    pos += RecordFraming.HEADER_BYTES;
    byte[] payload = new byte[(int) length];
    int got = readInto(payload, 0, payload.length);
    if (got < payload.length) {
      throw new InputFormatException(recordOffset, "truncated record payload: length=" + length + ", received=" + got
          + ", missing=" + (length - got) + " bytes");
    }
    int padding = RecordFraming.paddingBytes(length);
    long paddingOffset = position();
    int padHave = ensure(padding);
    if (padHave < padding) {
      throw new InputFormatException(recordOffset, "truncated record padding: length=" + length + ", padding="
          + padding + ", missing=" + (padding - padHave) + " bytes");
    }
    for (int i = 0; i < padding; i++) {
      if (buf[pos + i] != 0) {
        throw new InputFormatException(paddingOffset + i, "non-zero record padding: byte=" + (buf[pos + i] & 0xFF)
            + ", recordOffset=" + recordOffset);
      }
    }
    pos += padding;
    return payload;
  }

  /**
   * The next record decoded as {@code type} (bincode 2 {@code standard()}); the payload must be exactly one value.
   *
   * @throws InputFormatException if the payload is not a valid encoding (offset of the record)
   */
  public <T> T read(BincodeType<T> type) throws IOException {
    long recordOffset = position();
    byte[] payload = readSlice();
    try {
      return type.fromBytes(payload);
    } catch (BincodeException e) {
      throw new InputFormatException(recordOffset, "record payload is not a valid value: " + e.getMessage(), e);
    }
  }

  /**
   * Exactly {@code n} raw bytes, no framing (mirror of {@code ZiskStream.writeBytes}).
   *
   * @throws EndOfInputException if the input ended before the first byte
   * @throws InputFormatException if it ended after some but not all
   */
  public byte[] readBytes(int n) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("negative byte count: n=" + n);
    }
    long at = position();
    byte[] out = new byte[n];
    int got = readInto(out, 0, n);
    if (got < n) {
      if (got == 0) {
        throw new EndOfInputException(at, n + " raw bytes");
      }
      throw new InputFormatException(at, "truncated raw bytes: requested=" + n + ", received=" + got + ", missing="
          + (n - got));
    }
    return out;
  }

  /**
   * One raw 8-byte little-endian word.
   *
   * @throws EndOfInputException at end of input; {@link InputFormatException} if fewer than 8 bytes were left
   */
  public long readWord() throws IOException {
    long at = position();
    int have = ensure(8);
    if (have < 8) {
      if (have == 0) {
        throw new EndOfInputException(at, "a 64-bit word");
      }
      throw new InputFormatException(at, "truncated word: received=" + have + ", missing=" + (8 - have));
    }
    long w = RecordFraming.getHeader(buf, pos);
    pos += 8;
    return w;
  }

  /**
   * Raw 8-byte LE words of the stream into {@code dst[off..off+len)}, for an executor that maps input
   * into memory: blocks until at least one word is available, then copies what has arrived (at most
   * {@code len}); a final partial word is zero-padded.
   *
   * @return words copied (≥ 1 when {@code len ≥ 1}), or -1 at end of input
   */
  public int readWords(long[] dst, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, dst.length);
    if (len == 0) {
      return 0;
    }
    int have = ensure(8);
    if (have == 0) {
      return -1;
    }
    if (have < 8) {
      long w = 0;
      for (int i = 0; i < have; i++) {
        w |= (buf[pos + i] & 0xFFL) << (8 * i);
      }
      pos += have;
      dst[off] = w;
      return 1;
    }
    int words = Math.min(len, have / 8);
    for (int i = 0; i < words; i++) {
      dst[off + i] = RecordFraming.getHeader(buf, pos);
      pos += 8;
    }
    return words;
  }

  /**
   * The stream's words as {@link #readWords} gives them (headers, payload and padding, for an executor
   * that maps input into memory), checked against the record framing as they pass, with the same rules
   * as {@link #readSlice}: a live input is held to what a file input is.
   *
   * @return words copied (≥ 1 when {@code len ≥ 1}), or -1 at a clean end (a record boundary)
   * @throws InputFormatException naming the offset, for a truncated record, an oversized length or
   *     non-zero padding
   */
  public int readRecordWords(long[] dst, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, dst.length);
    if (len == 0) {
      return 0;
    }
    int have = ensure(8);
    if (have < 8) {
      if (recordWordsLeft == 0 && have == 0) {
        return -1;
      }
      if (recordWordsLeft == 0) {
        throw new InputFormatException(position(), "truncated record header: received=" + have + ", missing="
            + (RecordFraming.HEADER_BYTES - have) + " bytes");
      }
      long received = position() + have - recordOffset - RecordFraming.HEADER_BYTES;
      if (received < recordLength) {
        throw new InputFormatException(recordOffset, "truncated record payload: length=" + recordLength + ", received="
            + received + ", missing=" + (recordLength - received) + " bytes");
      }
      throw new InputFormatException(recordOffset, "truncated record padding: length=" + recordLength + ", padding="
          + RecordFraming.paddingBytes(recordLength) + ", missing=" + (8 * recordWordsLeft - have) + " bytes");
    }
    int words = Math.min(len, have / 8);
    for (int i = 0; i < words; i++) {
      long w = RecordFraming.getHeader(buf, pos);
      if (recordWordsLeft == 0) {
        if (w < 0 || w > options.maxPayloadBytes()) {
          throw new InputFormatException(position(), "record length exceeds maximum: length="
              + Long.toUnsignedString(w) + ", max=" + options.maxPayloadBytes());
        }
        recordOffset = position();
        recordLength = w;
        recordWordsLeft = (w + 7) / 8;
      } else if (--recordWordsLeft == 0) {
        for (int b = 8 - RecordFraming.paddingBytes(recordLength); b < 8; b++) {
          if (buf[pos + b] != 0) {
            throw new InputFormatException(position() + b, "non-zero record padding: byte=" + (buf[pos + b] & 0xFF)
                + ", recordOffset=" + recordOffset);
          }
        }
      }
      dst[off + i] = w;
      pos += 8;
    }
    return words;
  }

  /** Copies up to {@code len} bytes, blocking until all have come or the input ended; returns the count. */
  private int readInto(byte[] dst, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      if (pos == limit) {
        if (eof) {
          break;
        }
        if (len - done >= buf.length) {
          // Large payloads skip the buffer: read straight into the destination.
          int r = in.read(dst, off + done, len - done);
          if (r < 0) {
            eof = true;
            break;
          }
          done += r;
          bufStart += r;
          continue;
        }
        ensure(1);
        continue;
      }
      int n = Math.min(len - done, limit - pos);
      System.arraycopy(buf, pos, dst, off + done, n);
      pos += n;
      done += n;
    }
    return done;
  }

  /** Closes the underlying stream (disconnects from the producer). */
  @Override
  public void close() throws IOException {
    in.close();
  }
}

package dev.zisk4j.bench.datastream;

import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.wire.CommandFrame;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A benchmark client: sends Start, then parses DATA packets in place in a large buffer (no
 * per-entry allocation or locking), counting entries and bytes and checking the numbering;
 * optionally returns each entry's first 8 data bytes (a commit timestamp) for latency.
 */
final class WireCounter implements AutoCloseable {
  private final SocketChannel ch;
  // Direct: a channel read into a heap buffer copies through a temporary direct buffer first.
  private final ByteBuffer buf = ByteBuffer.allocateDirect(EntryPacket.MAX_LENGTH + 256 * 1024);
  volatile long entries;
  volatile long bytes;
  private long lastNumber = -1;
  /** When set, the latency (ns) of every entry whose number is {@code latencyEvery - 1} mod {@code latencyEvery}. */
  private long[] latencies;
  private int latencyEvery;
  private int latencyCount;
  /** Latency is recorded only from this entry number on (after a warm-up). */
  volatile long latencyFrom = Long.MAX_VALUE;
  /** Bytes/s this client reads at most (0 = as fast as it can), in reads of at most 64 KiB. */
  private long readRate;
  private long readStartNanos;
  private long readBytes;
  private volatile boolean closing;
  /** Set when the stream ended before the benchmark closed it (the server hung up). */
  volatile String endedEarly;

  WireCounter(int port, long from) throws IOException {
    ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
    ch.socket().setTcpNoDelay(true);
    ch.write(ByteBuffer.wrap(CommandFrame.start(1, from)));
    buf.limit(0);
    ensure(11);
    if (buf.get() != (byte) 0xFF || buf.getInt(buf.position() + 4) != 0) {
      throw new IOException("Start refused");
    }
    buf.position(buf.position() + 10);
  }

  private void ensure(int n) throws IOException {
    if (buf.remaining() >= n) {
      return;
    }
    buf.compact();
    while (buf.position() < n) {
      int got;
      if (readRate > 0) {
        long due = readStartNanos + readBytes * 1_000_000_000L / readRate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        int lim = buf.limit();
        buf.limit(Math.min(lim, buf.position() + 64 * 1024));
        got = ch.read(buf);
        buf.limit(lim);
      } else {
        got = ch.read(buf);
      }
      if (got < 0) {
        throw new EOFException("server closed the connection");
      }
      readBytes += got;
    }
    buf.flip();
  }

  /** Reads one DATA packet; returns the first 8 data bytes as a long (0 if shorter). */
  long readOne() throws IOException {
    ensure(EntryPacket.HEADER_BYTES);
    int at = buf.position();
    if (buf.get(at) != EntryPacket.DATA) {
      throw new IOException("unexpected packet type " + buf.get(at));
    }
    int len = buf.getInt(at + EntryPacket.OFFSET_LENGTH);
    ensure(len);
    at = buf.position();
    long number = buf.getLong(at + EntryPacket.OFFSET_NUMBER);
    if (lastNumber >= 0 && number != lastNumber + 1) {
      throw new IOException("sequence broken: got " + number + " after " + lastNumber);
    }
    lastNumber = number;
    long first = len >= EntryPacket.HEADER_BYTES + 8 ? buf.getLong(at + EntryPacket.OFFSET_DATA) : 0;
    buf.position(at + len);
    if (latencies != null && number >= latencyFrom && (number + 1) % latencyEvery == 0 && first != 0 && latencyCount < latencies.length) {
      latencies[latencyCount++] = System.nanoTime() - first;
    }
    entries++;
    bytes += len;
    return first;
  }

  /**
   * Records, for each entry numbered {@code every - 1} mod {@code every} (the last of an op), the
   * time since the nanoTime stamp in its first 8 data bytes; at most {@code capacity} samples.
   * Call before reading starts.
   */
  void recordLatency(int every, int capacity) {
    latencyEvery = every;
    latencies = new long[capacity];
  }

  /** The latencies recorded so far (read after the reader thread ended). */
  long[] latencies() {
    return latencies == null ? new long[0] : java.util.Arrays.copyOf(latencies, latencyCount);
  }

  /** Reads at most {@code bytesPerSecond} from now on (a client slower than the producer). */
  void throttle(long bytesPerSecond) {
    readRate = bytesPerSecond;
    readStartNanos = System.nanoTime();
    readBytes = 0;
  }

  /** Reads until {@code n} entries have arrived or the socket closes. */
  void readUntil(long n) {
    try {
      while (entries < n) {
        readOne();
      }
    } catch (IOException e) {
      if (!closing) {
        endedEarly = String.valueOf(e.getMessage());
      }
    }
  }

  @Override
  public void close() throws IOException {
    closing = true;
    ch.close();
  }
}

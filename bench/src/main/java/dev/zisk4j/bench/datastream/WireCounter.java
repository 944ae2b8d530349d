package dev.zisk4j.bench.datastream;

import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.wire.CommandFrame;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;

/**
 * A benchmark client: sends Start and then reads DATA packets with no per-entry allocation,
 * counting entries and bytes, optionally reading each entry's first 8 data bytes (a commit
 * timestamp) for latency.
 */
final class WireCounter implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final byte[] skip = new byte[EntryPacket.MAX_LENGTH];
  volatile long entries;
  volatile long bytes;
  long lastNumber = -1;

  WireCounter(int port, long from) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.getOutputStream().write(CommandFrame.start(1, from));
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 256 * 1024));
    in.readFully(skip, 0, 11); // the OK result
    if (skip[0] != (byte) 0xFF || skip[8] != 0) {
      throw new IOException("Start refused");
    }
  }

  /** Reads one DATA packet; returns the first 8 data bytes as a long (0 if shorter). */
  long readOne() throws IOException {
    int type = in.readUnsignedByte();
    if (type != 2) {
      throw new IOException("unexpected packet type " + type);
    }
    int len = in.readInt();
    in.readInt();
    long number = in.readLong();
    if (number != lastNumber + 1 && lastNumber >= 0) {
      throw new IOException("sequence broken: got " + number + " after " + lastNumber);
    }
    lastNumber = number;
    int dataLen = len - EntryPacket.HEADER_BYTES;
    long first = 0;
    if (dataLen >= 8) {
      first = in.readLong();
      dataLen -= 8;
    }
    in.readFully(skip, 0, dataLen);
    entries++;
    bytes += len;
    return first;
  }

  /** Reads until {@code n} entries have arrived or the socket closes. */
  void readUntil(long n) {
    try {
      while (entries < n) {
        readOne();
      }
    } catch (IOException e) {
      // closed by the benchmark at the end of its window
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

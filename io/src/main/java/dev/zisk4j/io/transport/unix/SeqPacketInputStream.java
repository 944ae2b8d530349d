package dev.zisk4j.io.transport.unix;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The messages of one SEQPACKET connection as a byte stream; -1 once the peer closed. Message
 * boundaries are not visible (records may span messages). Single reader thread; {@link #close}
 * from any thread unblocks it.
 */
public final class SeqPacketInputStream extends InputStream {
  private final SeqPacketSocket socket;
  private MemorySegment message = MemorySegment.NULL;
  private long position;
  private boolean eof;

  public SeqPacketInputStream(SeqPacketSocket socket) {
    this.socket = socket;
  }

  private boolean fill() throws IOException {
    while (position == message.byteSize()) {
      if (eof) {
        return false;
      }
      message = socket.receive();
      position = 0;
      if (message.byteSize() == 0) {
        eof = true;
        return false;
      }
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return message.get(ValueLayout.JAVA_BYTE, position++) & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = (int) Math.min(len, message.byteSize() - position);
    MemorySegment.copy(message, ValueLayout.JAVA_BYTE, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return (int) (message.byteSize() - position);
  }

  @Override
  public void close() {
    socket.close();
  }
}

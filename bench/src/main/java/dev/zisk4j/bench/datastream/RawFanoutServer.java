package dev.zisk4j.bench.datastream;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.EntryCursor;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The baseline for the slow-reader benchmark: the least a server can do. Per client one virtual
 * thread reads the 24-byte Start, sends OK, and writes the committed file bytes from its own cursor
 * with plain blocking writes: no timeouts, no watchdog, no limits, kernel socket-buffer autotuning
 * left on. It never drops anyone, so what it delivers to a client is what that client can take.
 */
final class RawFanoutServer implements AutoCloseable {
  private final DataStream stream;
  private final ServerSocketChannel ss;
  private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  RawFanoutServer(DataStream stream) throws IOException {
    this.stream = stream;
    ss = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 1024);
    Thread.ofPlatform().daemon().start(this::accept);
  }

  int port() throws IOException {
    return ((InetSocketAddress) ss.getLocalAddress()).getPort();
  }

  private void accept() {
    while (!closed) {
      try {
        SocketChannel c = ss.accept();
        clients.add(c);
        Thread.ofVirtual().start(() -> serve(c));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel c) {
    try {
      c.socket().setTcpNoDelay(true);
      ByteBuffer cmd = ByteBuffer.allocate(24);
      while (cmd.hasRemaining()) {
        if (c.read(cmd) < 0) {
          return;
        }
      }
      long from = cmd.getLong(16);
      c.write(ByteBuffer.wrap(ResultPacket.of(ResultCode.OK).encode()));
      try (EntryCursor cursor = stream.cursor(from)) {
        while (!closed) {
          ByteBuffer run = cursor.nextRun();
          if (run == null) {
            stream.awaitCommitted(cursor.nextNumber(), TimeUnit.MILLISECONDS.toNanos(100));
            continue;
          }
          while (run.hasRemaining()) {
            c.write(run);
          }
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // the benchmark closed the client, or the stream
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    ss.close();
    for (SocketChannel c : clients) {
      c.close();
    }
  }
}

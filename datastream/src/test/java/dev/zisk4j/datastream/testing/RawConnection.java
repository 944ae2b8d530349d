package dev.zisk4j.datastream.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A plain socket to a server for byte-exact protocol tests, with a read timeout. */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;

  public RawConnection(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
  }

  public void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
  }

  /** Exactly n bytes (fails on timeout). */
  public byte[] read(int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  public DataInputStream in() {
    return in;
  }

  /** True when the server closed the connection (EOF or reset) within the read timeout. */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (EOFException | java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** True if nothing arrives within {@code millis} (the socket stays open). */
  public boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      int b = in.read();
      if (b == -1) {
        throw new EOFException("server closed the connection");
      }
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(5000);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

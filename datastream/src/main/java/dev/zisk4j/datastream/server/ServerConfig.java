package dev.zisk4j.datastream.server;

import java.time.Duration;

/**
 * Settings of a {@link DataStreamServer}. Build with {@link #defaults()} and the {@code with...}
 * methods; the constructor validates every field.
 *
 * @param bindAddress address to listen on ("0.0.0.0" for all interfaces, as the reference does)
 * @param port TCP port, 0 for an ephemeral port (tests); default 6900
 * @param maxClients connections beyond this are accepted and closed at once; default 1,000
 * @param writeTimeout a client to which no byte could be written for this long, while bytes were
 *     waiting for it, is disconnected (it stopped reading); a client that keeps reading, however
 *     slowly, makes progress and stays; default 3 s
 * @param inactivityTimeout a client that is NOT streaming and neither sends nor receives anything for
 *     this long is disconnected; a streaming client on a quiet stream is never dropped; default 120 s
 * @param checkInterval how often the watchdog looks at timeouts; default 1 s
 * @param sendBufferBytes per-client user-space send buffer for replies and RangeBookmark DATA
 *     packets; default 64 KiB (live streaming writes runs straight from the cursor's 64 KiB read
 *     buffer, which bounds what the server holds for a streaming client beyond the kernel socket buffer)
 * @param threading virtual threads (default) or platform threads per connection
 * @param socketSendBufferBytes kernel send buffer (SO_SNDBUF) set on every client socket; default
 *     128 KiB. Setting it turns off the kernel's send-buffer autotuning, which grew buffers to
 *     megabytes for slow clients: a writer is only woken when a third of the buffer has drained,
 *     so with megabyte buffers a client that kept reading could show no progress for seconds.
 *     It also bounds what the kernel holds per client. Range 8 KiB..16 MiB
 * @param handshakeTimeout a connection that has not sent a complete first command within this
 *     time is closed (idle connections must not hold client slots); default 10 s
 */
public record ServerConfig(
    String bindAddress,
    int port,
    int maxClients,
    Duration writeTimeout,
    Duration inactivityTimeout,
    Duration checkInterval,
    int sendBufferBytes,
    Threading threading,
    int socketSendBufferBytes,
    Duration handshakeTimeout) {

  /** How connection threads are created. */
  public enum Threading {
    VIRTUAL,
    PLATFORM
  }

  public static final int DEFAULT_PORT = 6900;

  public ServerConfig {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("bindAddress is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: port=" + port);
    }
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be positive: maxClients=" + maxClients);
    }
    requirePositive("writeTimeout", writeTimeout);
    requirePositive("inactivityTimeout", inactivityTimeout);
    requirePositive("checkInterval", checkInterval);
    if (sendBufferBytes < 4096 || sendBufferBytes > (64 << 20)) {
      throw new IllegalArgumentException("sendBufferBytes out of range: sendBufferBytes=" + sendBufferBytes
          + ", allowed=4096..67108864");
    }
    if (threading == null) {
      throw new IllegalArgumentException("threading is null");
    }
    if (socketSendBufferBytes < 8192 || socketSendBufferBytes > (16 << 20)) {
      throw new IllegalArgumentException("socketSendBufferBytes out of range: socketSendBufferBytes="
          + socketSendBufferBytes + ", allowed=8192..16777216");
    }
    requirePositive("handshakeTimeout", handshakeTimeout);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + name + "=" + d);
    }
  }

  /** Default kernel send buffer per client socket. */
  public static final int DEFAULT_SOCKET_SEND_BUFFER = 128 * 1024;

  /**
   * All defaults: 0.0.0.0:6900, 1,000 clients, 3 s without write progress, 120 s inactivity, 10 s
   * handshake, 128 KiB socket send buffer, virtual threads.
   */
  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", DEFAULT_PORT, 1000, Duration.ofSeconds(3), Duration.ofSeconds(120),
        Duration.ofSeconds(1), 64 * 1024, Threading.VIRTUAL, DEFAULT_SOCKET_SEND_BUFFER, Duration.ofSeconds(10));
  }

  /** Defaults, but on 127.0.0.1 and an ephemeral port (read it back with {@code port()}): embedding and tests. */
  public static ServerConfig loopback() {
    return defaults().withBindAddress("127.0.0.1").withPort(0);
  }

  public ServerConfig withBindAddress(String a) {
    return new ServerConfig(a, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(bindAddress, p, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withMaxClients(int n) {
    return new ServerConfig(bindAddress, port, n, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withWriteTimeout(Duration d) {
    return new ServerConfig(bindAddress, port, maxClients, d, inactivityTimeout, checkInterval, sendBufferBytes, threading, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withInactivityTimeout(Duration d) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, d, checkInterval, sendBufferBytes, threading, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withCheckInterval(Duration d) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, d, sendBufferBytes, threading, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withSendBufferBytes(int n) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, n, threading, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withThreading(Threading t) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, t, socketSendBufferBytes, handshakeTimeout);
  }

  public ServerConfig withSocketSendBufferBytes(int n) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading, n, handshakeTimeout);
  }

  public ServerConfig withHandshakeTimeout(Duration d) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading, socketSendBufferBytes, d);
  }
}

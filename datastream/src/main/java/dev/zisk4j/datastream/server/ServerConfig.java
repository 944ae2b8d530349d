package dev.zisk4j.datastream.server;

import java.time.Duration;

/**
 * Settings of a {@link DataStreamServer}. Build with {@link #defaults()} and the {@code with...}
 * methods; the constructor validates every field.
 *
 * @param bindAddress address to listen on ("0.0.0.0" for all interfaces, as the reference does)
 * @param port TCP port, 0 for an ephemeral port (tests); default 6900
 * @param maxClients connections beyond this are accepted and closed at once; default 1,000
 * @param writeTimeout a client whose single socket write blocks longer is disconnected; default 3 s
 * @param inactivityTimeout a client that is NOT streaming and neither sends nor receives anything for
 *     this long is disconnected; a streaming client on a quiet stream is never dropped; default 120 s
 * @param checkInterval how often the watchdog looks at timeouts; default 1 s
 * @param sendBufferBytes per-client user-space send buffer for replies and RangeBookmark DATA
 *     packets; default 64 KiB (live streaming writes runs straight from the cursor's 64 KiB read
 *     buffer, which bounds what the server holds for a streaming client beyond the kernel socket buffer)
 * @param threading virtual threads (default) or platform threads per connection
 */
public record ServerConfig(
    String bindAddress,
    int port,
    int maxClients,
    Duration writeTimeout,
    Duration inactivityTimeout,
    Duration checkInterval,
    int sendBufferBytes,
    Threading threading) {

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
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + name + "=" + d);
    }
  }

  /** All defaults: 0.0.0.0:6900, 1,000 clients, 3 s write, 120 s inactivity, virtual threads. */
  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", DEFAULT_PORT, 1000, Duration.ofSeconds(3), Duration.ofSeconds(120),
        Duration.ofSeconds(1), 64 * 1024, Threading.VIRTUAL);
  }

  /** Defaults, but on 127.0.0.1 and an ephemeral port (read it back with {@code port()}): embedding and tests. */
  public static ServerConfig loopback() {
    return defaults().withBindAddress("127.0.0.1").withPort(0);
  }

  public ServerConfig withBindAddress(String a) {
    return new ServerConfig(a, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(bindAddress, p, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading);
  }

  public ServerConfig withMaxClients(int n) {
    return new ServerConfig(bindAddress, port, n, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, threading);
  }

  public ServerConfig withWriteTimeout(Duration d) {
    return new ServerConfig(bindAddress, port, maxClients, d, inactivityTimeout, checkInterval, sendBufferBytes, threading);
  }

  public ServerConfig withInactivityTimeout(Duration d) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, d, checkInterval, sendBufferBytes, threading);
  }

  public ServerConfig withCheckInterval(Duration d) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, d, sendBufferBytes, threading);
  }

  public ServerConfig withSendBufferBytes(int n) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, n, threading);
  }

  public ServerConfig withThreading(Threading t) {
    return new ServerConfig(bindAddress, port, maxClients, writeTimeout, inactivityTimeout, checkInterval, sendBufferBytes, t);
  }
}

package dev.zisk4j.datastream.client;

import java.time.Duration;

/**
 * Settings of a {@link DataStreamClient}.
 *
 * @param host server host
 * @param port server port
 * @param streamType the stream type sent in every command (1 = Sequencer); a mismatch makes the
 *     server close the connection
 * @param connectTimeout TCP connect timeout
 * @param replyTimeout how long a command waits for its reply before failing (the Go client waits
 *     forever)
 * @param autoReconnect on a broken connection, redial and, if streaming, resume with
 *     Start(last+1)
 * @param reconnectDelay pause between reconnect attempts
 */
public record ClientConfig(String host, int port, long streamType, Duration connectTimeout,
    Duration replyTimeout, boolean autoReconnect, Duration reconnectDelay) {

  public ClientConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: port=" + port);
    }
    for (Duration d : new Duration[] {connectTimeout, replyTimeout, reconnectDelay}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
  }

  /** Stream type 1, 5 s connect and reply timeouts, no reconnect. */
  public static ClientConfig of(String host, int port) {
    return new ClientConfig(host, port, 1, Duration.ofSeconds(5), Duration.ofSeconds(5), false,
        Duration.ofMillis(500));
  }

  /**
   * Parses {@code HOST:PORT} (IPv6 as {@code [addr]:port}).
   *
   * @throws IllegalArgumentException naming the input when it is not of that form
   */
  public static ClientConfig parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT: server=" + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in HOST:PORT: server=" + hostPort);
    }
    return of(host, port);
  }

  public ClientConfig withStreamType(long t) {
    return new ClientConfig(host, port, t, connectTimeout, replyTimeout, autoReconnect, reconnectDelay);
  }

  public ClientConfig withReplyTimeout(Duration d) {
    return new ClientConfig(host, port, streamType, connectTimeout, d, autoReconnect, reconnectDelay);
  }

  public ClientConfig withAutoReconnect(boolean on, Duration delay) {
    return new ClientConfig(host, port, streamType, connectTimeout, replyTimeout, on, delay);
  }
}

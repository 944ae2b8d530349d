package dev.zisk4j.datastream.relay;

import dev.zisk4j.datastream.client.ClientConfig;
import dev.zisk4j.datastream.server.ServerConfig;

/**
 * Settings of a {@link DataStreamRelay}.
 *
 * @param upstream the upstream server to follow
 * @param server the relay's own server (port, limits, timeouts)
 * @param maxPendingBytes bound on received entries held in memory while the relay waits to see
 *     where the upstream operation ends; exceeding it fails the relay with a clear error (an
 *     upstream operation larger than this cannot be relayed atomically)
 */
public record RelayConfig(ClientConfig upstream, ServerConfig server, long maxPendingBytes) {
  public RelayConfig {
    if (upstream == null || server == null) {
      throw new IllegalArgumentException("upstream and server settings are required");
    }
    if (maxPendingBytes < 1 << 20) {
      throw new IllegalArgumentException("maxPendingBytes too small: maxPendingBytes=" + maxPendingBytes + ", min=1048576");
    }
  }

  /** Default: 256 MiB of pending entries. */
  public static RelayConfig of(ClientConfig upstream, ServerConfig server) {
    return new RelayConfig(upstream, server, 256L << 20);
  }
}

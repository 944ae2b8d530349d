package dev.zisk4j.io.transport;

import dev.zisk4j.io.transport.unix.UnixConsumerTransport;
import dev.zisk4j.io.transport.unix.UnixTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the consumer transport for a URI's scheme: {@code unix://}, {@code file://} (or a bare path),
 * {@code quic://}. Immutable and thread-safe.
 */
public final class ConsumerTransports {
  private static final ConsumerTransport QUIC_MISSING = (uri, deadline) -> {
    throw new UnsupportedOperationException("QUIC transport not built yet: see io-net (uri=" + uri + ")");
  };
  private static final ConsumerTransport GRPC_PUSH = (uri, deadline) -> {
    throw new IllegalArgumentException("grpc:// is a push pseudo-URI: its input arrives at the coordinator through "
        + "PushJobInput and cannot be connected to (uri=" + uri + ")");
  };
  private static final ConsumerTransports STANDARD = new ConsumerTransports(Map.of(
      UnixTransport.SCHEME, new UnixConsumerTransport(),
      FileConsumerTransport.SCHEME, new FileConsumerTransport(),
      "quic", QUIC_MISSING,
      "grpc", GRPC_PUSH));

  private final Map<String, ConsumerTransport> byScheme;

  private ConsumerTransports(Map<String, ConsumerTransport> byScheme) {
    this.byScheme = Map.copyOf(byScheme);
  }

  /** The transports this build has. */
  public static ConsumerTransports standard() {
    return STANDARD;
  }

  /**
   * The transport for {@code uri}; a URI without a scheme is a file path.
   *
   * @throws IllegalArgumentException for an unknown scheme
   */
  public ConsumerTransport forUri(URI uri) {
    String scheme = uri.getScheme() == null ? FileConsumerTransport.SCHEME : uri.getScheme().toLowerCase(Locale.ROOT);
    ConsumerTransport t = byScheme.get(scheme);
    if (t == null) {
      throw new IllegalArgumentException("unsupported input URI scheme: scheme=" + scheme + ", uri=" + uri
          + ", supported=file,unix,quic");
    }
    return t;
  }

  /** Connects to {@code uri} with its scheme's transport. */
  public InputStream connect(URI uri, Duration deadline) throws IOException {
    return forUri(uri).connect(uri, deadline);
  }
}

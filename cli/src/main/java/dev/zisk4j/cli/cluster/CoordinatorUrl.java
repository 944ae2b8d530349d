package dev.zisk4j.cli.cluster;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A coordinator address as users type it: {@code http://HOST:PORT} (the form {@code cluster local}
 * prints), {@code grpc://HOST:PORT} or bare {@code HOST:PORT}. TLS ({@code https://}) is not built
 * yet, so it is refused rather than silently sent in plaintext.
 *
 * @param host host name or address (IPv6 without brackets)
 * @param port 1..65535
 */
public record CoordinatorUrl(String host, int port) {
  public CoordinatorUrl {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("coordinator URL has no host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("coordinator port must be 1..65535, got " + port);
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message naming the text and the accepted forms
   */
  public static CoordinatorUrl parse(String text) {
    String t = text == null ? "" : text.trim();
    String forms = " (expected http://HOST:PORT, grpc://HOST:PORT or HOST:PORT)";
    if (t.startsWith("https://")) {
      throw new IllegalArgumentException("coordinator URL " + text + ": TLS (https://) is not built yet; "
          + "use http:// on a trusted network" + forms);
    }
    String withScheme = t.contains("://") ? t : "http://" + t;
    URI u;
    try {
      u = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("coordinator URL " + text + " is malformed" + forms, e);
    }
    if (!"http".equals(u.getScheme()) && !"grpc".equals(u.getScheme())) {
      throw new IllegalArgumentException("coordinator URL " + text + ": unknown scheme " + u.getScheme() + forms);
    }
    if (u.getHost() == null || u.getPort() < 0) {
      throw new IllegalArgumentException("coordinator URL " + text + " needs a host and a port" + forms);
    }
    if ((u.getPath() != null && !u.getPath().isEmpty() && !"/".equals(u.getPath())) || u.getQuery() != null
        || u.getUserInfo() != null) {
      throw new IllegalArgumentException("coordinator URL " + text + " must be only scheme, host and port" + forms);
    }
    String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
    return new CoordinatorUrl(host, u.getPort());
  }

  /** The gRPC target, {@code host:port}. */
  public String target() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }

  @Override
  public String toString() {
    return "http://" + target();
  }
}

package dev.zisk4j.io.transport.unix;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The ZisK unix transport's fixed facts: scheme, message limit, and the {@code unix://} URI form.
 *
 * <pre>
 *   producer (SDK)                        consumer (prover)
 *   bind + listen(path, backlog 1)  <---  connect(path)
 *   send(msg &lt;= 128 KiB)  ---------->  recv = exactly one msg
 *   close connection      ---------->  recv = 0  (end of input)
 * </pre>
 * Every message but a job's last is a multiple of 8 bytes; a message is never empty (an empty
 * SEQPACKET message reads as end of input).
 */
public final class UnixTransport {
  public static final String SCHEME = "unix";
  /** One SEQPACKET message at most, as ZisK's writer and reader agree: 128 KiB. */
  public static final int MAX_MESSAGE_BYTES = 128 * 1024;

  private UnixTransport() {}

  /** {@code unix://<absolute path>}, the form ZisK reports. */
  public static URI uriOf(Path path) {
    try {
      return new URI(SCHEME, "", path.toAbsolutePath().toString(), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("path not expressible as a unix URI: path=" + path, e);
    }
  }

  /**
   * The socket path of a {@code unix://} URI ({@code unix:///abs/path}; {@code unix://rel/path} is
   * read as ZisK does, everything after {@code unix://}).
   */
  public static Path pathOf(URI uri) {
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not a unix URI: uri=" + uri);
    }
    String s = uri.toString().substring(SCHEME.length() + "://".length());
    if (s.isEmpty()) {
      throw new IllegalArgumentException("unix URI without a path: uri=" + uri);
    }
    return Path.of(java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
  }
}

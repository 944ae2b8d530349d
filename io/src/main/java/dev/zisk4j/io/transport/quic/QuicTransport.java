package dev.zisk4j.io.transport.quic;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The one place that knows how zisk4j's {@code quic://} input transport looks on the wire
 * (ZisK {@code common/src/io/stream/quic.rs}, spec zisk.md §1.8).
 *
 * <pre>
 *  producer (SDK, QUIC server, self-signed cert "localhost")      consumer (QUIC client, no cert check)
 *    bind host:port ............................................. connect, server name "localhost"
 *    message 1 -> server-initiated uni stream id 3:  [bytes][FIN]  -> read to FIN, append
 *    message 2 -> uni stream id 7:                   [bytes][FIN]  -> read to FIN, append
 *    message n -> uni stream id 3+4(n-1)             ...              streams consumed in id order
 *    end of job -> one EMPTY uni stream [FIN]        -------------->  clean end of input; once
 *                                                    <--------------  every stream up to it arrived,
 *                                                                     the consumer closes (code 0)
 *    (the producer's endJob returns on that close; it closes itself only after the idle timeout)
 * </pre>
 *
 * <p>ALPN: {@value #ALPN}. ZisK's quinn/rustls peers configure no ALPN at all (its {@code quic.rs}
 * sets none on either side; spec §1.8 names none). The chosen library cannot do that: BoringSSL,
 * under Netty's QUIC codec, fails every QUIC handshake without a negotiated protocol
 * ({@code NO_APPLICATION_PROTOCOL}; RFC 9001 §8.1 makes ALPN mandatory for QUIC). So a zisk4j peer
 * and a ZisK peer cannot complete a QUIC handshake with each other until ZisK names a protocol;
 * everything above the handshake (streams, FIN, close codes, 4 MiB / 10 MiB limits) matches ZisK.
 * The name says what the connection carries and leaves room for a version.
 *
 * <p>The empty end-of-job stream is an addition: a ZisK reader would see it as a zero-length
 * message and append nothing, so it costs no compatibility, and it lets our producer close only
 * after the consumer holds every byte (a QUIC CONNECTION_CLOSE discards unacknowledged stream
 * data, which ZisK's writer risks).
 */
public final class QuicTransport {

  /** The ALPN protocol both sides offer (see the class comment for why there is one). */
  public static final String ALPN = "zisk-input/1";
  /** Largest message a producer sends as one stream (ZisK's writer: 4 MiB). */
  public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
  /** Largest stream a consumer accepts (ZisK's reader: 10 MiB); larger is a protocol error. */
  public static final int MAX_RECEIVED_STREAM_BYTES = 10 * 1024 * 1024;
  /** Concurrent unidirectional streams a consumer allows (as ZisK). */
  public static final int MAX_CONCURRENT_UNI_STREAMS = 1024;
  /** QUIC ids of server-initiated unidirectional streams: 3, 7, 11, ... (RFC 9000 §2.1). */
  public static final long FIRST_SERVER_UNI_STREAM_ID = 3;
  public static final long STREAM_ID_STEP = 4;
  /** Application close code: job complete, everything received. */
  public static final int CLOSE_JOB_DONE = 0;
  /** Application close code: the consumer stopped reading before the end of the job. */
  public static final int CLOSE_CONSUMER_GONE = 1;
  /** Application close code: the consumer saw a protocol violation (oversized or misordered stream). */
  public static final int CLOSE_PROTOCOL_ERROR = 2;
  /** TLS server name the consumer sends (ZisK: "localhost"). */
  public static final String SERVER_NAME = "localhost";
  /** QUIC idle timeout both sides advertise; a job with no traffic for this long loses its connection. */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  private QuicTransport() {}

  /** Next stream id the producer's n-th (0-based) message uses. */
  public static long streamIdOf(long messageIndex) {
    return FIRST_SERVER_UNI_STREAM_ID + STREAM_ID_STEP * messageIndex;
  }

  /**
   * Parses {@code quic://ip:port}. Like ZisK the host must be an IP literal (no DNS lookup).
   *
   * @throws IllegalArgumentException with {@code uri=...} if the scheme, host or port is wrong
   */
  public static InetSocketAddress socketAddressOf(URI uri) {
    if (uri == null || !"quic".equals(uri.getScheme())) {
      throw new IllegalArgumentException("not a quic:// URI: uri=" + uri);
    }
    String host = uri.getHost();
    int port = uri.getPort();
    if (host == null || port < 0 || port > 65535 || uri.getPath() != null && !uri.getPath().isEmpty()) {
      throw new IllegalArgumentException("expected quic://ip:port: uri=" + uri);
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!isIpLiteral(literal)) {
      throw new IllegalArgumentException("quic host must be an IP literal (no DNS names): uri=" + uri);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(literal), port);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("bad quic host: uri=" + uri, e);
    }
  }

  /** {@code quic://ip:port} of a bound address (IPv6 in brackets). */
  public static URI uriOf(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    try {
      return new URI("quic://" + host + ":" + address.getPort());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot form URI: address=" + address, e);
    }
  }

  private static boolean isIpLiteral(String host) {
    if (host.contains(":")) {
      return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}

package dev.zisk4j.io.transport.grpc;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How a client reaches a coordinator (cluster.md §5): plaintext or TLS (optionally trusting a given
 * CA and presenting a client certificate for mTLS), and an optional bearer token sent as
 * {@code authorization: Bearer …} on every call. Workers, the SDK's remote client, the gRPC input push
 * and the CLI all build their channels here, so they follow one rule: a token never travels in
 * plaintext except to a loopback address.
 *
 * @param tls TLS on the connection ({@code https://} URLs)
 * @param trustedCa PEM CA certificates to trust instead of the JDK's trust store
 * @param clientCertificate PEM certificate chain presented for mTLS (with {@code clientKey})
 * @param clientKey PEM PKCS#8 private key of {@code clientCertificate}
 * @param token the bearer token, empty for none (never shown by {@link #toString})
 */
public record CoordinatorAccess(boolean tls, Optional<Path> trustedCa, Optional<Path> clientCertificate,
    Optional<Path> clientKey, Optional<String> token) {
  /** Longest token accepted from a file: tokens are short random strings, a big file is a mistake. */
  public static final int MAX_TOKEN_CHARS = 4096;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  public CoordinatorAccess {
    Objects.requireNonNull(trustedCa, "trustedCa");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(token, "token");
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException("a client certificate needs its key and a key its certificate");
    }
    if (!tls && (trustedCa.isPresent() || clientCertificate.isPresent())) {
      throw new IllegalArgumentException("a CA or client certificate was given for a plaintext connection: use an "
          + "https:// coordinator URL");
    }
    token.ifPresent(CoordinatorAccess::checkToken);
  }

  /** Plaintext, no token. */
  public static CoordinatorAccess plaintext() {
    return new CoordinatorAccess(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** TLS trusting the JDK's trust store, no token. */
  public static CoordinatorAccess tlsDefault() {
    return new CoordinatorAccess(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Plaintext or default TLS, as a URL scheme says ({@code https} = TLS). */
  public static CoordinatorAccess forScheme(String scheme) {
    return "https".equals(scheme) ? tlsDefault() : plaintext();
  }

  public CoordinatorAccess withTls(boolean on) {
    return new CoordinatorAccess(on, trustedCa, clientCertificate, clientKey, token);
  }

  public CoordinatorAccess withToken(String t) {
    return new CoordinatorAccess(tls, trustedCa, clientCertificate, clientKey, Optional.of(t));
  }

  public CoordinatorAccess withTrustedCa(Path ca) {
    return new CoordinatorAccess(tls, Optional.of(ca), clientCertificate, clientKey, token);
  }

  public CoordinatorAccess withClientCertificate(Path certificate, Path key) {
    return new CoordinatorAccess(tls, trustedCa, Optional.of(certificate), Optional.of(key), token);
  }

  /**
   * Reads a token file: its content without surrounding whitespace.
   *
   * @throws IllegalArgumentException naming the file if it is missing, unreadable, a directory, empty,
   *     longer than {@link #MAX_TOKEN_CHARS} or not printable ASCII on one line
   */
  public static String readToken(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("token file is a directory: file=" + file);
    }
    try {
      if (Files.size(file) > MAX_TOKEN_CHARS + 2) {
        throw new IllegalArgumentException("token file is longer than " + MAX_TOKEN_CHARS + " characters: file="
            + file);
      }
      String t = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (t.isEmpty()) {
        throw new IllegalArgumentException("token file is empty: file=" + file);
      }
      try {
        checkToken(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + ": file=" + file, e);
      }
      return t;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("token file not found: file=" + file, e);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IllegalArgumentException("token file is not ASCII: file=" + file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read token file: file=" + file + ": " + e.getMessage(), e);
    }
  }

  private static void checkToken(String t) {
    if (t.isEmpty() || t.length() > MAX_TOKEN_CHARS) {
      throw new IllegalArgumentException("a token is 1.." + MAX_TOKEN_CHARS + " characters");
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("a token is printable ASCII without spaces (character " + i + " is not)");
      }
    }
  }

  /**
   * A channel builder to {@code host:port} with these credentials.
   *
   * @throws IllegalArgumentException if a token would go in plaintext to a host that is not loopback, or
   *     a certificate file cannot be read
   */
  public ManagedChannelBuilder<?> channelBuilder(String host, int port) {
    return channelBuilder(host.contains(":") && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port);
  }

  /**
   * A channel builder to a {@code host:port} target ({@code [v6]:port} for IPv6) with these credentials.
   *
   * @throws IllegalArgumentException as {@link #channelBuilder(String, int)}
   */
  public ManagedChannelBuilder<?> channelBuilder(String target) {
    String host = target.startsWith("[") && target.indexOf(']') > 0 ? target.substring(1, target.indexOf(']'))
        : target.lastIndexOf(':') > 0 ? target.substring(0, target.lastIndexOf(':')) : target;
    if (token.isPresent() && !tls && !isLoopback(host)) {
      throw new IllegalArgumentException("refusing to send a bearer token in plaintext to " + host
          + ": use an https:// coordinator URL (TLS), or a loopback address");
    }
    return Grpc.newChannelBuilder(target, credentials());
  }

  /**
   * The channel credentials these settings describe.
   *
   * @throws IllegalArgumentException if a certificate or key file cannot be read or parsed
   */
  public ChannelCredentials credentials() {
    ChannelCredentials transport;
    if (!tls) {
      transport = InsecureChannelCredentials.create();
    } else {
      TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
      try {
        if (trustedCa.isPresent()) {
          b.trustManager(trustedCa.get().toFile());
        }
        if (clientCertificate.isPresent()) {
          b.keyManager(clientCertificate.get().toFile(), clientKey.orElseThrow().toFile());
        }
      } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot load TLS material (ca=" + trustedCa.orElse(null) + ", cert="
            + clientCertificate.orElse(null) + ", key=" + clientKey.orElse(null) + "): " + e.getMessage(), e);
      }
      transport = b.build();
    }
    return token.isEmpty() ? transport : CompositeChannelCredentials.create(transport, new Bearer(token.get()));
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "CoordinatorAccess[tls=" + tls + ", trustedCa=" + trustedCa.orElse(null) + ", clientCertificate="
        + clientCertificate.orElse(null) + ", token=" + (token.isPresent() ? "(set)" : "(none)") + "]";
  }

  /** Sends the token on every call. */
  private static final class Bearer extends CallCredentials {
    private final String header;

    Bearer(String token) {
      this.header = "Bearer " + token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
      Metadata m = new Metadata();
      m.put(AUTHORIZATION, header);
      applier.apply(m);
    }
  }
}

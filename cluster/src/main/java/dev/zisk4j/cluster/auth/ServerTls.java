package dev.zisk4j.cluster.auth;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on the coordinator's gRPC port (cluster.md §5).
 *
 * @param certificate PEM certificate chain of the server
 * @param key PEM PKCS#8 private key
 * @param clientCa when present, mTLS: clients must present a certificate issued by these CAs
 */
public record ServerTls(Path certificate, Path key, Optional<Path> clientCa) {
  public ServerTls {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clientCa, "clientCa");
  }

  /**
   * The server credentials.
   *
   * @throws IllegalArgumentException naming the files if they cannot be read or parsed
   */
  ServerCredentials credentials() {
    try {
      TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder().keyManager(certificate.toFile(), key.toFile());
      if (clientCa.isPresent()) {
        b.trustManager(clientCa.get().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return b.build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot load the coordinator's TLS material (cert=" + certificate + ", key="
          + key + ", client CA=" + clientCa.orElse(null) + "): " + e.getMessage(), e);
    }
  }
}

package dev.zisk4j.cluster.auth;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import java.util.Objects;
import java.util.Optional;

/**
 * The coordinator's transport security and authentication (cluster.md §5). With neither, every caller
 * is {@link Caller#UNAUTHENTICATED} (anyone may do anything), which is why the CLI then binds loopback.
 * With mTLS and no access rules, every certificate the client CA issued is an admin named by its CN.
 *
 * @param tls TLS, optionally mTLS; empty for plaintext
 * @param rules tokens and certificate identities; empty for no authentication (or mTLS-only)
 */
public record CoordinatorSecurity(Optional<ServerTls> tls, Optional<AccessRules> rules) {
  /** Plaintext, no authentication. */
  public static final CoordinatorSecurity NONE = new CoordinatorSecurity(Optional.empty(), Optional.empty());

  public CoordinatorSecurity {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(rules, "rules");
  }

  /** Whether callers are authenticated (by token, certificate, or both). */
  public boolean authenticates() {
    return rules.isPresent() || mutualTls();
  }

  /** Whether clients must present a certificate. */
  public boolean mutualTls() {
    return tls.flatMap(ServerTls::clientCa).isPresent();
  }

  /**
   * The gRPC server credentials.
   *
   * @throws IllegalArgumentException if the TLS material cannot be loaded
   */
  public ServerCredentials serverCredentials() {
    return tls.map(ServerTls::credentials).orElseGet(InsecureServerCredentials::create);
  }

  /** The interceptor enforcing this, or empty when nothing is to be enforced. */
  public Optional<ServerInterceptor> interceptor() {
    return authenticates() ? Optional.of(new AuthInterceptor(rules, mutualTls())) : Optional.empty();
  }
}

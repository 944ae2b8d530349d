package dev.zisk4j.cluster.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every call at its start, from its headers and TLS session only, and closes it with
 * UNAUTHENTICATED or PERMISSION_DENIED before any request message is read (the call's first message
 * is never even requested). An authenticated call carries its {@link Caller} in the gRPC context.
 *
 * <p>A bearer token ({@code authorization: Bearer …}) wins over a client certificate; a certificate
 * whose CN the rules do not list is rejected unless there are no rules at all (mTLS-only: the CA
 * is the authority, every holder is an admin).
 */
final class AuthInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";
  private final Optional<AccessRules> rules;
  private final boolean mutualTls;

  AuthInterceptor(Optional<AccessRules> rules, boolean mutualTls) {
    this.rules = rules;
    this.mutualTls = mutualTls;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (MethodAccess.open(method)) {
      return next.startCall(call, headers);
    }
    Caller caller;
    try {
      caller = authenticate(call, headers);
    } catch (Refusal r) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(r.getMessage()), method);
    }
    Set<Role> allowed = MethodAccess.allowed(method);
    if (!allowed.contains(caller.role())) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription("role " + caller.role().id() + " ("
          + caller.name() + ") may not call " + method), method);
    }
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  private Caller authenticate(ServerCall<?, ?> call, Metadata headers) throws Refusal {
    String auth = headers.get(AUTHORIZATION);
    if (auth != null) {
      if (!auth.startsWith(BEARER) || auth.length() == BEARER.length()) {
        throw new Refusal("malformed authorization header: expected 'Bearer <token>'");
      }
      if (rules.isEmpty()) {
        throw new Refusal("this coordinator takes no tokens (it authenticates by client certificate)");
      }
      return rules.get().byToken(auth.substring(BEARER.length()).strip())
          .orElseThrow(() -> new Refusal("unknown token"));
    }
    Optional<String> cn = clientCn(call);
    if (cn.isPresent()) {
      if (rules.isEmpty()) {
        return new Caller(cn.get(), Role.ADMIN, Optional.empty());
      }
      return rules.get().byCertificate(cn.get())
          .orElseThrow(() -> new Refusal("client certificate CN=" + cn.get() + " is not in the access file"));
    }
    throw new Refusal(mutualTls ? "no credentials: present a client certificate or 'authorization: Bearer <token>'"
        : "no credentials: send 'authorization: Bearer <token>'");
  }

  private static Optional<String> clientCn(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
        return Optional.empty();
      }
      for (Rdn rdn : new LdapName(x.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(rdn.getValue().toString());
        }
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return Optional.empty();
    }
  }

  private static <Q> ServerCall.Listener<Q> refuse(ServerCall<Q, ?> call, Status status, String method) {
    log.info("refused {}: {} {}", method, status.getCode(), status.getDescription());
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** Why a call's credentials are not accepted. */
  private static final class Refusal extends Exception {
    Refusal(String message) {
      super(message, null, false, false);
    }
  }
}

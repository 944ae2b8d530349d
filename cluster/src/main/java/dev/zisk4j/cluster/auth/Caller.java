package dev.zisk4j.cluster.auth;

import io.grpc.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made the current call, as the {@link AuthInterceptor} established it before the call's first
 * message was read.
 *
 * @param name the token's or certificate's name; job ownership is by this name
 * @param role what the caller may do
 * @param proverPrefix for a worker, the prefix its {@code prover_id} must carry; empty for any id
 */
public record Caller(String name, Role role, Optional<String> proverPrefix) {
  /** Where the interceptor puts the caller for the service code. */
  static final Context.Key<Caller> KEY = Context.key("zisk4j-caller");
  /** The caller of a coordinator without authentication: anyone may do anything, and owns nothing. */
  public static final Caller UNAUTHENTICATED = new Caller("", Role.ADMIN, Optional.empty());

  public Caller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(proverPrefix, "proverPrefix");
  }

  /** The current call's caller; {@link #UNAUTHENTICATED} when the coordinator runs without authentication. */
  public static Caller current() {
    Caller c = KEY.get();
    return c == null ? UNAUTHENTICATED : c;
  }

  /** The name a job submitted by this caller is owned by ({@code ""} without authentication). */
  public String owner() {
    return name;
  }

  /** Whether this caller may read or steer a job owned by {@code owner}: admins any, clients their own. */
  public boolean mayAccessJobOf(String owner) {
    return role == Role.ADMIN || name.equals(owner);
  }

  /** Whether a worker with this identity may register as {@code proverId}. */
  public boolean mayUseProverId(String proverId) {
    return proverPrefix.isEmpty() || proverId.startsWith(proverPrefix.get());
  }
}

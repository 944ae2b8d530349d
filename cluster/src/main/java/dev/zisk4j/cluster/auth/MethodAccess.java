package dev.zisk4j.cluster.auth;

import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import java.util.Map;
import java.util.Set;

/** Which roles may call which method (cluster.md §5): the table the {@link AuthInterceptor} enforces. */
final class MethodAccess {
  /** Services anyone may call, authenticated or not: health and reflection. */
  private static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
  private static final Set<Role> WORKER = Set.of(Role.WORKER);
  private static final Set<Role> CLIENT = Set.of(Role.CLIENT, Role.ADMIN);
  private static final Set<Role> ADMIN = Set.of(Role.ADMIN);
  private static final String DIST = ZiskDistributedApiGrpc.SERVICE_NAME + "/";
  private static final Map<String, Set<Role>> ADMIN_API = Map.of(
      DIST + "ProverStream", WORKER,
      DIST + "HealthCheck", CLIENT,
      DIST + "StatusInfo", CLIENT,
      DIST + "SystemStatus", CLIENT,
      DIST + "JobsList", CLIENT,
      DIST + "ProversList", CLIENT,
      DIST + "WorkersList", CLIENT,
      DIST + "JobStatus", CLIENT,
      DIST + "LaunchProof", ADMIN,
      DIST + "ShutdownProver", ADMIN);

  private MethodAccess() {}

  /** Whether {@code fullMethod} needs no credentials. */
  static boolean open(String fullMethod) {
    int slash = fullMethod.indexOf('/');
    return slash > 0 && OPEN_SERVICES.contains(fullMethod.substring(0, slash));
  }

  /**
   * The roles that may call {@code fullMethod}. The client API is for clients (ownership is checked per
   * job by the service); anything not listed, our own services' unknown methods included, is admin-only.
   */
  static Set<Role> allowed(String fullMethod) {
    Set<Role> r = ADMIN_API.get(fullMethod);
    if (r != null) {
      return r;
    }
    return fullMethod.startsWith(ZiskCoordinatorApiGrpc.SERVICE_NAME + "/") ? CLIENT : ADMIN;
  }
}

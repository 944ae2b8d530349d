package dev.zisk4j.cluster.coordinator;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.SocketAddress;

/** Puts the caller's socket address in the gRPC context, for ProversList's remote_address. */
final class RemoteAddress implements ServerInterceptor {
  private static final Context.Key<SocketAddress> KEY = Context.key("remote-address");

  static SocketAddress current() {
    return KEY.get();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    SocketAddress a = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    return Contexts.interceptCall(Context.current().withValue(KEY, a), call, headers, next);
  }
}

package dev.zisk4j.cluster.coordinator;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * ZisK's request meters (zisk.md §3.11) for the coordinator's two APIs:
 * {@code coordinator_requests_total{method,status}} and
 * {@code coordinator_request_duration_seconds{method}}, method being the RPC's name
 * ({@code LaunchProof}) and status the gRPC status code ({@code OK}). A streaming call is timed from
 * its start to its close. Health checks and reflection are not counted: probes would drown the rest.
 */
final class RequestMetrics implements ServerInterceptor {
  private final MeterRegistry registry;
  private final Set<String> services;

  RequestMetrics(MeterRegistry registry, Set<String> services) {
    this.registry = registry;
    this.services = services;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (!services.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    String method = call.getMethodDescriptor().getBareMethodName();
    long start = System.nanoTime();
    AtomicBoolean recorded = new AtomicBoolean();
    Consumer<Status.Code> record = code -> {
      if (recorded.compareAndSet(false, true)) {
        Counter.builder("coordinator.requests").description("Client and admin API calls, by method and status")
            .tag("method", method).tag("status", code.name()).register(registry).increment();
        Timer.builder("coordinator.request.duration").description("Client and admin API call duration, by method")
            .tag("method", method)
            .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
                Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(60))
            .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
      }
    };
    ServerCall.Listener<Q> listener = next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        record.accept(status.getCode());
        super.close(status, trailers);
      }
    }, headers);
    // a call the client abandons is never closed by the server: it counts as CANCELLED
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        record.accept(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }
}

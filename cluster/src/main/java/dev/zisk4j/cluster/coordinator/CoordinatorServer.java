package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.cluster.auth.CoordinatorSecurity;
import dev.zisk4j.cluster.store.JobStore;
import dev.zisk4j.datastream.server.MetricsEndpoint;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator process's gRPC server (cluster.md §1): one port carrying ZiskDistributedApi and
 * ZiskCoordinatorApi, server reflection (v1 and v1alpha) and grpc.health.v1; with a
 * {@link MetricsConfig}, also {@code /metrics} and {@code /health} over HTTP (cluster.md §6).
 */
public final class CoordinatorServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorServer.class);
  private final Dispatcher dispatcher;
  private final Programs programs;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger connections = new AtomicInteger();
  private final PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
  private MetricsEndpoint metricsEndpoint;

  private CoordinatorServer(CoordinatorConfig config, JobStore store, CoordinatorSecurity security) {
    this.programs = new Programs(store);
    this.dispatcher = new Dispatcher(config, store, new CoordinatorMetrics(registry, programs));
    DistributedApiService admin = new DistributedApiService(dispatcher, store, programs, config, connections::get);
    ClientApiService client = new ClientApiService(dispatcher, store, programs);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()),
        security.serverCredentials());
    // added before the metrics interceptor so that it runs after it: refused calls are counted too
    security.interceptor().ifPresent(builder::intercept);
    this.server = builder
        .executor(executor)
        .maxInboundMessageSize(config.maxMessageBytes())
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .intercept(new RequestMetrics(registry,
            Set.of(ZiskDistributedApiGrpc.SERVICE_NAME, ZiskCoordinatorApiGrpc.SERVICE_NAME)))
        .addService(ServerInterceptors.intercept(admin, new RemoteAddress()))
        .addService(client)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance())
        .addTransportFilter(new io.grpc.ServerTransportFilter() {
          @Override
          public io.grpc.Attributes transportReady(io.grpc.Attributes a) {
            connections.incrementAndGet();
            return a;
          }

          @Override
          public void transportTerminated(io.grpc.Attributes a) {
            connections.decrementAndGet();
          }
        })
        .fallbackHandlerRegistry(new ZiskWorkerStreamRefusal())
        .build();
  }

  /**
   * Binds and starts serving gRPC only (the meters are kept, see {@link #meterRegistry}).
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static CoordinatorServer start(CoordinatorConfig config, JobStore store) {
    return start(config, store, null);
  }

  /**
   * Binds and starts serving gRPC and, when {@code metrics} is given, the HTTP metrics endpoint. As
   * ZisK (zisk.md §3.11), a metrics port that cannot be bound is logged as a warning and the
   * coordinator runs on without it ({@link #metricsPort} is then -1).
   *
   * @throws UncheckedIOException if the gRPC port cannot be bound
   */
  public static CoordinatorServer start(CoordinatorConfig config, JobStore store, MetricsConfig metrics) {
    return start(config, store, metrics, CoordinatorSecurity.NONE);
  }

  /**
   * As {@link #start(CoordinatorConfig, JobStore, MetricsConfig)}, with TLS and authentication
   * (cluster.md §5): every call but health and reflection is authenticated before its first message.
   *
   * @throws UncheckedIOException if the gRPC port cannot be bound
   * @throws IllegalArgumentException if the TLS material cannot be loaded
   */
  public static CoordinatorServer start(CoordinatorConfig config, JobStore store, MetricsConfig metrics,
      CoordinatorSecurity security) {
    CoordinatorServer s = new CoordinatorServer(config, store, security);
    s.dispatcher.start();
    try {
      if (store.durable()) {
        long t0 = System.nanoTime();
        Dispatcher.Recovery r = s.dispatcher.call(s.dispatcher::recover).join();
        log.info("recovered from the store in {} ms: {} jobs queued again, {} running jobs resumed, {} failed;"
            + " {} programs", (System.nanoTime() - t0) / 1_000_000, r.queued(), r.resumed(), r.failed(),
            s.programs.size());
      }
      s.server.start();
    } catch (java.util.concurrent.CompletionException e) {
      s.dispatcher.close();
      s.executor.shutdownNow();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } catch (IOException e) {
      s.dispatcher.close();
      s.executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    s.health.setStatus("", ServingStatus.SERVING);
    s.health.setStatus(ZiskDistributedApiGrpc.SERVICE_NAME, ServingStatus.SERVING);
    s.health.setStatus(ZiskCoordinatorApiGrpc.SERVICE_NAME, ServingStatus.SERVING);
    log.info("coordinator listening on port {}", s.port());
    if (metrics != null) {
      try {
        s.metricsEndpoint = MetricsEndpoint.start(s.registry, metrics.host(), metrics.port(), s::healthProblem);
        log.info("coordinator metrics on http://{}:{}/metrics", metrics.host(), s.metricsPort());
      } catch (IOException e) {
        log.warn("coordinator runs without metrics: {}", e.getMessage());
      }
    }
    return s;
  }

  /**
   * What {@code /health} reports: null while gRPC is serving and the dispatcher answers within a
   * second, else the problem (503). The in-memory job store needs no probe; a durable one adds its
   * commit check here.
   */
  String healthProblem() {
    if (server.isShutdown()) {
      return "gRPC server is shut down";
    }
    try {
      dispatcher.call(() -> Boolean.TRUE).get(1, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.TimeoutException e) {
      return "dispatcher has not answered within 1 s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing the dispatcher";
    } catch (java.util.concurrent.ExecutionException e) {
      return "dispatcher: " + e.getCause().getMessage();
    }
  }

  /** The HTTP metrics port, or -1 when not serving metrics. */
  public int metricsPort() {
    return metricsEndpoint == null ? -1 : metricsEndpoint.port();
  }

  /** The coordinator's meters (what {@code /metrics} shows). */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  public int port() {
    return server.getPort();
  }

  /** Registers a program directly (the CLI's --program); returns its hash id. */
  public String registerProgram(ProgramImage image) {
    return programs.register(image);
  }

  @Override
  public void close() {
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
    }
    health.enterTerminalState();
    dispatcher.close();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    executor.shutdownNow();
  }

  /**
   * Released ZisK's {@code WorkerStream} has different task payloads, so it must not alias
   * ProverStream (errata): it is answered with FAILED_PRECONDITION.
   */
  private static final class ZiskWorkerStreamRefusal extends HandlerRegistry {
    private static final String NAME = ZiskDistributedApiGrpc.SERVICE_NAME + "/WorkerStream";
    private static final MethodDescriptor.Marshaller<InputStream> RAW = new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(InputStream value) {
        return value;
      }

      @Override
      public InputStream parse(InputStream stream) {
        return new ByteArrayInputStream(new byte[0]);
      }
    };
    private static final MethodDescriptor<InputStream, InputStream> METHOD = MethodDescriptor
        .<InputStream, InputStream>newBuilder().setType(MethodDescriptor.MethodType.BIDI_STREAMING)
        .setFullMethodName(NAME).setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
    private static final ServerCallHandler<InputStream, InputStream> REFUSE = (call, headers) -> {
      call.close(Status.FAILED_PRECONDITION.withDescription(
          "ZisK workers are not supported by the zisk4j coordinator: WorkerStream carries ZisK's task payloads; "
              + "use ProverStream with a zisk4j worker"), new io.grpc.Metadata());
      return new io.grpc.ServerCall.Listener<>() { };
    };

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      return NAME.equals(methodName) ? ServerMethodDefinition.create(METHOD, REFUSE) : null;
    }
  }
}

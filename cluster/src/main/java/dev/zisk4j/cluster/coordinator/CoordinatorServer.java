package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.cluster.store.JobStore;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator process's gRPC server (cluster.md §1): one port carrying ZiskDistributedApi and
 * ZiskCoordinatorApi, server reflection (v1 and v1alpha) and grpc.health.v1.
 */
public final class CoordinatorServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorServer.class);
  private final Dispatcher dispatcher;
  private final Programs programs = new Programs();
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger connections = new AtomicInteger();

  private CoordinatorServer(CoordinatorConfig config, JobStore store) {
    this.dispatcher = new Dispatcher(config, store);
    DistributedApiService admin = new DistributedApiService(dispatcher, store, programs, config, connections::get);
    ClientApiService client = new ClientApiService(dispatcher, store, programs);
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
        .executor(executor)
        .maxInboundMessageSize(config.maxMessageBytes())
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
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
   * Binds and starts serving.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static CoordinatorServer start(CoordinatorConfig config, JobStore store) {
    CoordinatorServer s = new CoordinatorServer(config, store);
    s.dispatcher.start();
    try {
      s.server.start();
    } catch (IOException e) {
      s.dispatcher.close();
      s.executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    s.health.setStatus("", ServingStatus.SERVING);
    s.health.setStatus(ZiskDistributedApiGrpc.SERVICE_NAME, ServingStatus.SERVING);
    s.health.setStatus(ZiskCoordinatorApiGrpc.SERVICE_NAME, ServingStatus.SERVING);
    log.info("coordinator listening on port {}", s.port());
    return s;
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

package dev.zisk4j.proverservice;

import dev.zisk4j.proto.zkprover.v1.ZKProverServiceGrpc;
import dev.zisk4j.proverservice.grpc.ErrorDetail;
import dev.zisk4j.proverservice.grpc.ZkProverGrpcService;
import dev.zisk4j.proverservice.guest.Execution;
import dev.zisk4j.proverservice.guest.ProvingBackend;
import dev.zisk4j.proverservice.guest.StateTransition;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.proverservice.queue.ProofScheduler;
import dev.zisk4j.proverservice.queue.ServerState;
import dev.zisk4j.proverservice.store.RequestStore;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prover service: {@code zkprover.v1.ZKProverService} on one gRPC port (default 50051) with
 * reflection and {@code grpc.health.v1}, over a proof queue persisted in a {@link RequestStore} and
 * a {@link ProvingBackend}. The port opens at once; GetStatus says BOOTING until the guest is
 * ready (unlike the reference, whose port stays closed while it boots). Health is NOT_SERVING while
 * booting and after close. {@link #close()} is graceful and idempotent.
 */
public final class ProverService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProverService.class);
  public static final String SERVICE_NAME = ZKProverServiceGrpc.SERVICE_NAME;
  private static final String GET_STATUS = ZKProverServiceGrpc.getGetStatusMethod().getFullMethodName();

  private final ProofScheduler scheduler;
  private final ProvingBackend backend;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private boolean closed;

  private ProverService(ServiceConfig cfg, ProvingBackend backend, RequestStore store, Optional<StateTransition> twin,
      MeterRegistry meters, Clock clock) {
    this.backend = backend;
    InputValidator validator = new InputValidator(cfg.limits());
    this.scheduler = new ProofScheduler(store, backend, validator, cfg.scheduler(), clock, meters);
    ZkProverGrpcService svc = new ZkProverGrpcService(scheduler, new Execution(validator, backend, twin), executor,
        cfg.maxGetProofTimeoutSeconds(), cfg.maxUnansweredPerStream(), cfg.limits().maxBatchBytes(), meters);
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(cfg.bindAddress(), cfg.port()))
        .executor(executor)
        // GetStatus reads a published snapshot and never blocks: answered on the transport thread,
        // without the hop to a virtual thread that has to win a carrier from the busy prover.
        .callExecutor(new ServerCallExecutorSupplier() {
          @Override
          public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
            return GET_STATUS.equals(call.getMethodDescriptor().getFullMethodName()) ? Runnable::run : null;
          }
        })
        .maxInboundMessageSize(cfg.maxMessageBytes())
        .addService(ServerInterceptors.intercept(svc, new ErrorDetail()))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .build();
  }

  /**
   * Starts serving: the port is bound, the queue recovered from the store, and the guest's setup
   * begins (BOOTING until it is done).
   *
   * @param backend proves; closed by {@link #close()}
   * @param store persists requests; the caller closes it after this service
   * @param twin the native transition Execute reports from (empty until it exists)
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static ProverService start(ServiceConfig cfg, ProvingBackend backend, RequestStore store,
      Optional<StateTransition> twin, MeterRegistry meters, Clock clock) {
    ProverService s = new ProverService(cfg, backend, store, twin, meters, clock);
    s.health.setStatus("", ServingStatus.NOT_SERVING);
    s.health.setStatus(SERVICE_NAME, ServingStatus.NOT_SERVING);
    try {
      s.server.start();
    } catch (IOException e) {
      s.executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + cfg.bindAddress() + ":" + cfg.port() + ": "
          + e.getMessage(), e);
    }
    s.scheduler.start();
    s.scheduler.ready().thenRun(() -> {
      s.health.setStatus("", ServingStatus.SERVING);
      s.health.setStatus(SERVICE_NAME, ServingStatus.SERVING);
    });
    log.info("zkprover service listening on port {} (guest {})", s.port(), backend.guest());
    return s;
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  public ServerState status() {
    return scheduler.status();
  }

  /** Runs the retention pass now (it also runs periodically); returns how many requests it forgot. */
  public int applyRetention() {
    return scheduler.applyRetention();
  }

  /** Waits until the service is past BOOTING (tests and the CLI's "ready" line). */
  public void awaitReady() throws InterruptedException {
    try {
      scheduler.ready().get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("boot failed", e.getCause());
    }
  }

  /**
   * HALT, then stop: health NOT_SERVING, the queue stops (running proofs stay in the store and are
   * redone after a restart), open calls get 5 s to finish, the backend closes.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    health.enterTerminalState();
    scheduler.close();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    backend.close();
    executor.shutdownNow();
  }
}

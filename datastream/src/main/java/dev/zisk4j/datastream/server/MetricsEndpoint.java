package dev.zisk4j.datastream.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Prometheus text exposition on {@code GET /metrics} and a liveness probe on {@code GET /health},
 * over the JDK's HTTP server. Default port 9092 (architecture.md); port 0 picks a free one. Besides
 * the servers' own meters it exports the JVM and the process: heap and non-heap memory, GC pauses,
 * threads, classes, CPU, open file descriptors (each client holds one) and uptime.
 */
public final class MetricsEndpoint implements AutoCloseable {
  public static final int DEFAULT_PORT = 9092;

  private final PrometheusMeterRegistry registry;
  private final HttpServer http;
  private final JvmGcMetrics gc;
  private boolean closed;

  private MetricsEndpoint(PrometheusMeterRegistry registry, HttpServer http, JvmGcMetrics gc) {
    this.registry = registry;
    this.http = http;
    this.gc = gc;
  }

  /** A fresh Prometheus registry to hand to the servers whose meters this endpoint exposes. */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Starts serving {@code registry} on {@code bindAddress:port}.
   *
   * @param health answers /health: null or empty means healthy (200), else the problem (503)
   * @throws IOException if the port cannot be bound (the message names address and port)
   */
  public static MetricsEndpoint start(PrometheusMeterRegistry registry, String bindAddress, int port,
      Supplier<String> health) throws IOException {
    HttpServer http;
    try {
      InetSocketAddress at = new InetSocketAddress(bindAddress, port);
      if (at.isUnresolved()) {
        throw new java.nio.channels.UnresolvedAddressException();
      }
      http = HttpServer.create(at, 16);
    } catch (IOException | java.nio.channels.UnresolvedAddressException e) {
      throw Listening.bindFailed("metrics endpoint", bindAddress, port, e);
    }
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        registry.scrape()));
    http.createContext("/health", ex -> {
      String problem = health == null ? null : health.get();
      boolean ok = problem == null || problem.isEmpty();
      reply(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : problem + "\n");
    });
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    http.start();
    return new MetricsEndpoint(registry, http, gc);
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  /** The bound address and port. */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** The bound port. */
  public int port() {
    return http.getAddress().getPort();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Stops the HTTP server; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      http.stop(0);
      gc.close();
    }
  }
}

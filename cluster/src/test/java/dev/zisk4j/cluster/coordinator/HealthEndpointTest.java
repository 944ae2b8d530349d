package dev.zisk4j.cluster.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.cluster.store.InMemoryJobStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /health over real HTTP: 200 while the dispatcher answers, 503 naming why while it does not. */
class HealthEndpointTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private static CoordinatorConfig config() {
    return CoordinatorConfig.defaults().withHost("127.0.0.1").withPort(0);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthFollowsTheDispatcher() throws Exception {
    int port;
    try (CoordinatorServer s = CoordinatorServer.start(config(), new InMemoryJobStore(),
        new MetricsConfig("127.0.0.1", 0))) {
      port = s.metricsPort();
      assertThat(get(port, "/health").statusCode()).isEqualTo(200);
      CountDownLatch release = new CountDownLatch(1);
      s.dispatcher().post(() -> {
        try {
          release.await(10, TimeUnit.SECONDS); // a dispatcher stuck in an event
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      HttpResponse<String> stuck = get(port, "/health");
      assertThat(stuck.statusCode()).isEqualTo(503);
      assertThat(stuck.body()).contains("dispatcher has not answered within 1 s");
      release.countDown();
      assertThat(get(port, "/health").statusCode()).isEqualTo(200);
      // the gauges read a snapshot taken on the dispatcher thread
      assertThat(get(port, "/metrics").body()).contains("coordinator_active_jobs 0.0");
    }
    assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(IOException.class); // closed with the server
  }

  @Test
  void aMetricsPortInUseLeavesTheCoordinatorRunningWithoutMetrics() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        CoordinatorServer s = CoordinatorServer.start(config(), new InMemoryJobStore(),
            new MetricsConfig("127.0.0.1", taken.getLocalPort()))) {
      assertThat(s.metricsPort()).isEqualTo(-1);
      assertThat(s.port()).isPositive();
    }
  }

  @Test
  void withoutMetricsConfigNoHttpIsServed() {
    try (CoordinatorServer s = CoordinatorServer.start(config(), new InMemoryJobStore())) {
      assertThat(s.metricsPort()).isEqualTo(-1);
      assertThat(s.meterRegistry().scrape()).contains("coordinator_workers_connected");
    }
  }

  @Test
  void metricsPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> new MetricsConfig("127.0.0.1", 65536)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..65535");
  }
}

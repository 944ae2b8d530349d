package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.zisk4j.cluster.coordinator.MetricsConfig;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A real job through a loopback coordinator and worker, then /metrics scraped over HTTP and read
 * with the exposition format's rules: ZisK's names and labels (zisk.md §3.11) and ours (cluster.md
 * §6) carry the counts of what happened; the logs carry job, worker, task and attempt in the MDC.
 */
class ObservabilityTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<Logger> watched = List.of(
      (Logger) LoggerFactory.getLogger("dev.zisk4j.cluster.coordinator.Dispatcher"),
      (Logger) LoggerFactory.getLogger("dev.zisk4j.cluster.worker.TaskRunner"));

  @BeforeEach
  void captureLogs() {
    logs.start();
    for (Logger l : watched) {
      l.setLevel(Level.DEBUG);
      l.addAppender(logs);
    }
  }

  @AfterEach
  void releaseLogs() {
    for (Logger l : watched) {
      l.detachAppender(logs);
      l.setLevel(null);
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsAndLogsTellWhatAJobDid() throws Exception {
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config(), new MetricsConfig("127.0.0.1", 0))) {
      int port = c.server.metricsPort();
      assertThat(port).isPositive();
      c.addWorker("w0", 1);
      String hash = DistributedProvingTest.register(c, Guests.image("sort"));
      String job = DistributedProvingTest.prove(c, hash, Guests.record(DistributedProvingTest.WORDS));
      WaitJobResultResponse r = DistributedProvingTest.await(c, job);
      assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
      int k = c.admin.jobStatus(JobStatusRequest.newBuilder().setJobId(job).build()).getJob().getSegments();
      assertThat(k).isGreaterThan(1);
      try {
        DistributedProvingTest.prove(c, "00".repeat(32), new byte[8]);
      } catch (StatusRuntimeException expected) {
        assertThat(expected.getStatus().getCode().name()).isEqualTo("NOT_FOUND");
      }

      HttpResponse<String> resp = get(port, "/metrics");
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      PrometheusText m = PrometheusText.parse(resp.body());

      // ZisK's names and labels
      assertThat(m.value("coordinator_jobs_total", "kind", "prove", "outcome", "success")).isEqualTo(1.0);
      assertThat(m.type("coordinator_job_duration_seconds")).isEqualTo("histogram");
      assertThat(m.value("coordinator_job_duration_seconds_count", "outcome", "success")).isEqualTo(1.0);
      for (String le : List.of("1.0", "2.0", "5.0", "10.0", "20.0", "60.0", "300.0", "+Inf")) {
        assertThat(m.value("coordinator_job_duration_seconds_bucket", "outcome", "success", "le", le)).as(le)
            .isNotNull();
      }
      assertThat(m.value("coordinator_worker_jobs_total", "worker_id", "w0", "outcome", "success")).isEqualTo(1.0);
      assertThat(m.value("coordinator_registered_programs_total")).isEqualTo(1.0);
      assertThat(m.value("coordinator_workers_connected")).isEqualTo(1.0);
      assertThat(m.value("coordinator_active_jobs")).isEqualTo(0.0);
      assertThat(m.value("coordinator_requests_total", "method", "RegisterGuestProgram", "status", "OK"))
          .isEqualTo(1.0);
      assertThat(m.value("coordinator_requests_total", "method", "JobRequest", "status", "OK")).isEqualTo(1.0);
      assertThat(m.value("coordinator_requests_total", "method", "JobRequest", "status", "NOT_FOUND")).isEqualTo(1.0);
      assertThat(m.value("coordinator_request_duration_seconds_count", "method", "JobRequest")).isEqualTo(2.0);
      assertThat(m.value("coordinator_requests_total", "method", "ProverStream", "status", "OK")).isNull(); // still open

      // ours
      assertThat(m.value("coordinator_jobs_in_state", "state", "completed")).isEqualTo(1.0);
      assertThat(m.value("coordinator_jobs_in_state", "state", "running")).isEqualTo(0.0);
      assertThat(m.value("coordinator_queued_jobs")).isEqualTo(0.0);
      assertThat(m.value("coordinator_workers", "state", "idle")).isEqualTo(1.0);
      assertThat(m.value("coordinator_free_compute_units")).isEqualTo(1.0);
      assertThat(m.value("coordinator_task_attempts_total", "type", "partial_contribution", "outcome", "done"))
          .isEqualTo((double) k);
      assertThat(m.value("coordinator_task_attempts_total", "type", "prove", "outcome", "done")).isEqualTo((double) k);
      // one dispatch per task: a worker never answers WORKER_BUSY for the slot its last result freed
      assertThat(m.value("coordinator_task_attempts_total", "type", "prove", "outcome", "busy")).isNull();
      assertThat(m.value("coordinator_dispatch_latency_seconds_count")).isEqualTo(2.0 * k);
      assertThat(m.value("coordinator_dispatch_latency_seconds_bucket", "le", "+Inf")).isEqualTo(2.0 * k);
      assertThat(m.value("coordinator_proofs_total", "outcome", "verified")).isEqualTo((double) k);
      assertThat(m.value("coordinator_proofs_total", "outcome", "rejected")).isNull();
      assertThat(m.value("coordinator_bundles_total", "outcome", "verified")).isEqualTo(1.0);
      assertThat(m.value("coordinator_bundles_total", "outcome", "rejected")).isNull();
      assertThat(m.seriesOf("jvm_memory_used_bytes")).isNotEmpty();

      HttpResponse<String> health = get(port, "/health");
      assertThat(health.statusCode()).isEqualTo(200);

      // the MDC: the coordinator's dispatch and the worker's run of the same task name it alike
      ILoggingEvent dispatched = logs.list.stream()
          .filter(e -> e.getFormattedMessage().contains("dispatched") && e.getFormattedMessage().contains("PROVE"))
          .findFirst().orElseThrow();
      assertThat(dispatched.getMDCPropertyMap()).containsEntry("job_id", job).containsEntry("worker_id", "w0")
          .containsEntry("task", "prove/0").containsEntry("attempt", "1");
      assertThat(logs.list).anySatisfy(e -> {
        assertThat(e.getLoggerName()).endsWith("TaskRunner");
        assertThat(e.getMDCPropertyMap()).containsEntry("job_id", job).containsEntry("worker_id", "w0")
            .containsEntry("task", "prove/0").containsEntry("attempt", "1");
      });
      assertThat(logs.list).anySatisfy(e -> {
        assertThat(e.getFormattedMessage()).contains("completed");
        assertThat(e.getMDCPropertyMap()).containsEntry("job_id", job);
      });
    }
  }
}

package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.zisk4j.cluster.worker.Worker;
import dev.zisk4j.cluster.worker.WorkerConfig;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.ProveRequest;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import dev.zisk4j.proto.distributed.v1.JobStatus;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Design §10.4: {@code kill -9} of a coordinator JVM on an H2 data directory, during CONTRIBUTIONS and
 * again during PROVE (and on PostgreSQL during PROVE), then a new coordinator on the same directory and port. The workers reconnect, the
 * running job completes with a bundle that verifies, the queued job stays queued until its turn and
 * completes, and a job whose pushed input had not ended fails with an {@code input} failure; the client
 * only retries UNAVAILABLE meanwhile.
 */
class CoordinatorRestartTest {
  @TempDir Path dir;

  @Test
  void killDuringContributions() throws Exception {
    run("CONTRIBUTIONS", dir.resolve("data").toString(), "h2-contributions");
  }

  @Test
  void killDuringProve() throws Exception {
    run("PROVE", dir.resolve("data").toString(), "h2-prove");
  }

  @Test
  void killDuringProveOnPostgres() throws Exception {
    try (dev.zisk4j.cluster.store.TestPostgres pg = dev.zisk4j.cluster.store.TestPostgres.start()) {
      run("PROVE", pg.newDatabase(), "pg-prove");
    }
  }

  /** Kills the coordinator while the first job is in {@code phase}, restarts it on {@code store}. */
  static void run(String phase, String store, String name) throws Exception {
    ProgramImage sort = Guests.image("sort");
    byte[] input1 = Guests.record(new Random(1).longs(48, 0, 1L << 32).toArray());
    byte[] input2 = Guests.record(new Random(2).longs(8, 0, 1L << 32).toArray());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    List<Worker> workers = new ArrayList<>();
    Process coordinator = CoordinatorProcess.spawn("coordinator-" + name + "-1", port, store, 1);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .maxInboundMessageSize(136 << 20).build();
    try (Workers engine = Workers.of(1)) {
      var client = ZiskCoordinatorApiGrpc.newBlockingStub(channel);
      var admin = ZiskDistributedApiGrpc.newBlockingStub(channel);
      for (int i = 0; i < 2; i++) {
        Worker w = Worker.start(new WorkerConfig(url, Optional.of("w" + i), 1, 1, Duration.ofMillis(500)));
        assertThat(w.awaitRegistered(20, TimeUnit.SECONDS)).isTrue();
        workers.add(w);
      }
      String hash = client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
          .setZiskElf(ByteString.copyFrom(sort.encode())).build()).getHashId();
      String running = prove(client, hash, InputKind.newBuilder().setInline(InputChunk.newBuilder()
          .setData(ByteString.copyFrom(input1))).build());
      String queued = prove(client, hash, InputKind.newBuilder().setInline(InputChunk.newBuilder()
          .setData(ByteString.copyFrom(input2))).build());
      String pushed = prove(client, hash, InputKind.newBuilder().setStreamUri("grpc://push").build());

      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
          .until(() -> phase.equals(status(admin, running).getPhase()));
      assertThat(status(admin, queued).getState()).isEqualTo("QUEUED");
      assertThat(status(admin, pushed).getState()).isEqualTo("WAITING_FOR_INPUT");

      coordinator.destroyForcibly(); // SIGKILL
      coordinator.waitFor();
      coordinator = CoordinatorProcess.spawn("coordinator-" + name + "-2", port, store, 1);

      // at once after the restart: the queued job is still queued, the unfinished push has failed
      JobStatus q = retrying(() -> status(admin, queued));
      assertThat(q.getState()).isIn("QUEUED", "RUNNING", "COMPLETED"); // it may already have its turn
      WaitJobResultResponse p = retrying(() -> waitOnce(client, pushed));
      assertThat(p.getJobStatus().hasFailed()).as(p.toString()).isTrue();
      assertThat(p.getJobStatus().getFailed().getFailure().getInput().getReason())
          .contains("restarted during input streaming");

      WaitJobResultResponse r1 = awaitDone(client, running);
      assertThat(r1.getJobStatus().hasCompleted()).as(r1.toString()).isTrue();
      assertThat(verifies(engine, sort, r1, input1)).isTrue();
      WaitJobResultResponse r2 = awaitDone(client, queued);
      assertThat(r2.getJobStatus().hasCompleted()).as(r2.toString()).isTrue();
      assertThat(verifies(engine, sort, r2, input2)).isTrue();
      // terminal jobs stay queryable (from the store after another restart too)
      assertThat(status(admin, running).getState()).isEqualTo("COMPLETED");
    } finally {
      for (Worker w : workers) {
        w.close();
      }
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      coordinator.destroyForcibly().waitFor();
    }
  }

  static boolean verifies(Workers engine, ProgramImage image, WaitJobResultResponse r, byte[] input) {
    byte[] bundle = r.getResult().getProve().getProof().getData().toByteArray();
    return new BundleVerifier(engine).verify(image, bundle, ExpectedInput.of(input), VerifyPolicy.ANY_SUPPORTED)
        .accepted();
  }

  static String prove(ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub client, String hash, InputKind in) {
    return client.jobRequest(JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder().setProve(
        ProveRequest.newBuilder().setHashId(hash).setInput(in))).build()).getJobId();
  }

  static JobStatus status(ZiskDistributedApiGrpc.ZiskDistributedApiBlockingStub admin, String job) {
    return admin.jobStatus(JobStatusRequest.newBuilder().setJobId(job).build()).getJob();
  }

  static WaitJobResultResponse waitOnce(ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub client, String job) {
    return client.withDeadlineAfter(40, TimeUnit.SECONDS).waitJobResult(WaitJobResultRequest.newBuilder()
        .setJobId(job).setTimeoutSeconds(30).build());
  }

  /** Waits for a terminal state, retrying while the coordinator is unreachable (restarting). */
  static WaitJobResultResponse awaitDone(ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub client, String job) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < until) {
      WaitJobResultResponse r = retrying(() -> waitOnce(client, job));
      if (r.getJobStatus().hasCompleted() || r.getJobStatus().hasFailed() || r.getJobStatus().hasCancelled()) {
        return r;
      }
    }
    throw new AssertionError("job " + job + " did not finish");
  }

  /** The call's answer, retried for up to 60 s while it is UNAVAILABLE. */
  static <T> T retrying(Supplier<T> call) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > until) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}

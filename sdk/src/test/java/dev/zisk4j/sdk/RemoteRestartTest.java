package dev.zisk4j.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cluster.worker.Worker;
import dev.zisk4j.cluster.worker.WorkerConfig;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 2: a {@code ProverClient.remote} caller waiting on its JobHandle while the coordinator
 * JVM is {@code kill -9}ed during PROVE and restarted on the same H2 directory sees only a delay: the
 * handle completes with a proof that verifies.
 */
class RemoteRestartTest {
  @TempDir Path dir;

  @Test
  void aWaitingHandleSurvivesACoordinatorKill() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    Process coordinator = DurableCoordinatorMain.spawn("sdk-coordinator-1", port, dir);
    Worker worker = Worker.start(new WorkerConfig(url, Optional.of("w0"), 1, 1, Duration.ofMillis(500)));
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try (RemoteProverClient client = ProverClient.remote(url).verifierThreads(1).build()) {
      assertThat(worker.awaitRegistered(20, TimeUnit.SECONDS)).isTrue();
      long[] words = new long[200];
      for (int i = 0; i < words.length; i++) {
        words[i] = i * 7919L;
      }
      JobHandle<ProveResult> job = client.prove(RemoteProverClientTest.PROGRAM, RemoteProverClientTest.input(words))
          .run();
      var admin = ZiskDistributedApiGrpc.newBlockingStub(channel);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (true) {
        Optional<String> id = job.jobId();
        if (id.isPresent() && "PROVE".equals(admin.jobStatus(JobStatusRequest.newBuilder().setJobId(id.get())
            .build()).getJob().getPhase())) {
          break;
        }
        assertThat(job.isDone()).as("the job ended before PROVE").isFalse();
        assertThat(System.nanoTime()).as("PROVE reached").isLessThan(deadline);
        Thread.sleep(10);
      }
      coordinator.destroyForcibly(); // SIGKILL
      coordinator.waitFor();
      Thread.sleep(1000); // the handle's wait now meets UNAVAILABLE
      coordinator = DurableCoordinatorMain.spawn("sdk-coordinator-2", port, dir);
      ProveResult r = job.get(180, TimeUnit.SECONDS);
      assertThat(r.segments()).isPositive();
      assertThat(client.verify(r.proof()).run().get(60, TimeUnit.SECONDS).valid()).isTrue();
    } finally {
      worker.close();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      coordinator.destroyForcibly().waitFor();
    }
  }
}

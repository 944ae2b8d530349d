package dev.zisk4j.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ProverClient.remote against a real coordinator and worker on loopback. */
class RemoteProverClientTest {
  static final GuestProgram PROGRAM = Guests.load("checksum");
  static LocalCluster cluster;
  static RemoteProverClient client;
  static ManagedChannel channel;

  @BeforeAll
  static void up() throws Exception {
    cluster = new LocalCluster(EmbeddedProverClientTest.SMALL);
    client = ProverClient.remote(cluster.url()).verifierThreads(1).build();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.server.port()).usePlaintext().build();
  }

  @AfterAll
  static void down() throws Exception {
    client.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    cluster.close();
  }

  static ZiskStdin input(long... words) {
    ZiskStdin in = new ZiskStdin();
    in.writeSlice(SeedExampleTest.words(words));
    return in;
  }

  /** What the coordinator says of the job, once it has ended. */
  static WaitJobResultResponse coordinatorView(String jobId) {
    var stub = ZiskCoordinatorApiGrpc.newBlockingStub(channel);
    for (int i = 0; i < 10; i++) {
      WaitJobResultResponse r = stub.waitJobResult(WaitJobResultRequest.newBuilder().setJobId(jobId)
          .setTimeoutSeconds(10).build());
      if (r.getJobStatus().hasCancelled() || r.getJobStatus().hasFailed() || r.getJobStatus().hasCompleted()) {
        return r;
      }
    }
    throw new AssertionError("job " + jobId + " did not end on the coordinator");
  }

  @Test
  void aRemoteProveReportsItsJobEventsAndStats() throws Exception {
    JobHandle<ProveResult> job = client.prove(PROGRAM, input(5, 6, 7)).run();
    ProveResult r = job.get(120, TimeUnit.SECONDS);
    assertThat(job.jobId()).isPresent();
    try (EmbeddedProverClient embedded = ProverClient.embedded().options(EmbeddedProverClientTest.SMALL).threads(1)
        .build()) {
      assertThat(r.outputs()).containsExactly(embedded.execute(PROGRAM, input(5, 6, 7)).run().get().outputs());
    }
    assertThat(r.segments()).isPositive();
    assertThat(job.stats().proofBytes()).isEqualTo(r.proofBytes());
    List<JobEvent> events = job.events();
    assertThat(events.getFirst()).isInstanceOf(JobEvent.Started.class);
    assertThat(events.getLast()).isInstanceOf(JobEvent.Completed.class);
    assertThat(events).filteredOn(e -> e instanceof JobEvent.Progress).extracting(e -> ((JobEvent.Progress) e).percent())
        .contains(25, 75, 90);
    assertThat(client.verify(r.proof()).run().get().valid()).isTrue();
    assertThat(coordinatorView(job.jobId().orElseThrow()).getJobStatus().hasCompleted()).isTrue();
  }

  @Test
  void executeAndSetupGiveWhatTheEmbeddedClientGives() throws Exception {
    try (EmbeddedProverClient embedded = ProverClient.embedded().options(EmbeddedProverClientTest.SMALL).threads(1)
        .build()) {
      ExecuteResult local = embedded.execute(PROGRAM, input(1, 2)).run().get(60, TimeUnit.SECONDS);
      ExecuteResult remote = client.execute(PROGRAM, input(1, 2)).run().get(60, TimeUnit.SECONDS);
      assertThat(remote.outputs()).containsExactly(local.outputs());
      assertThat(remote.steps()).isEqualTo(local.steps());
      SetupResult vkLocal = embedded.setup(PROGRAM).run().get(60, TimeUnit.SECONDS);
      SetupResult vkRemote = client.setup(PROGRAM).run().get(60, TimeUnit.SECONDS);
      assertThat(vkRemote.imageId()).isEqualTo(vkLocal.imageId());
      assertThat(vkRemote.vkRoot()).isEqualTo(vkLocal.vkRoot());
    }
  }

  @Test
  void cancelStopsTheJobOnTheCoordinator() throws Exception {
    try (ZiskStream stream = ZiskStream.grpc()) {
      stream.write(3L);
      JobHandle<ProveResult> job = client.prove(PROGRAM, stream).run();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (job.jobId().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      String id = job.jobId().orElseThrow();
      assertThat(job.cancel()).isTrue();
      assertThatThrownBy(() -> job.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
      assertThat(job.events().getLast()).isEqualTo(new JobEvent.Failed("Cancelled"));
      assertThat(coordinatorView(id).getJobStatus().hasCancelled()).isTrue();
      assertThat(job.cancel()).isFalse();
    }
  }

  @Test
  void aTimeoutIsTheCoordinatorsDeadlineToo() throws Exception {
    try (ZiskStream stream = ZiskStream.grpc()) {
      // input never ends: the deadline must end the job, here and on the coordinator
      JobHandle<ProveResult> job = client.prove(PROGRAM, stream).timeout(Duration.ofSeconds(1)).run();
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> job.get(30, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
      WaitJobResultResponse r = coordinatorView(job.jobId().orElseThrow());
      assertThat(r.getJobStatus().getFailed().getFailure().hasTimeout()).as(r.toString()).isTrue();
    }
  }

  @Test
  void whatACoordinatorCannotDoIsRefusedUpFront() throws Exception {
    assertThatThrownBy(() -> client.prove(PROGRAM, input(1)).segmentRows(11).run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coordinator's proving options");
    assertThatThrownBy(() -> client.execute(PROGRAM, input(1)).maxSteps(10).run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSteps");
    try (ZiskStream unix = ZiskStream.unix()) {
      assertThatThrownBy(() -> client.prove(PROGRAM, unix).run()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ZiskStream.grpc()");
    }
    assertThatThrownBy(() -> ProverClient.remote("ftp://x:1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreachableCoordinatorFailsTheJobAsUnreachable() throws Exception {
    try (ProverClient nowhere = ProverClient.remote("127.0.0.1:1").callTimeout(Duration.ofMillis(500)).build()) {
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> nowhere.prove(PROGRAM, input(1)).run().get(30, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(RemoteJobException.class);
      assertThat(((RemoteJobException) e.getCause()).reason()).isEqualTo(RemoteJobException.Reason.UNREACHABLE);
    }
  }

  @Test
  void aRefusedInputFailsTheJobWithTheCoordinatorsReason() throws Exception {
    try (ZiskStream stream = ZiskStream.grpc()) {
      JobHandle<ProveResult> job = client.prove(PROGRAM, stream).run();
      stream.writeBytes(new byte[] {1, 2, 3}); // not a record: the strict reader refuses it
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> job.get(30, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(RemoteJobException.class).hasMessageContaining("offset=0");
      assertThat(((RemoteJobException) e.getCause()).reason()).isEqualTo(RemoteJobException.Reason.INPUT);
    }
  }
}

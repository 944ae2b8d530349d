package dev.zisk4j.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.zisk4j.cli.CliRun;
import dev.zisk4j.cli.datastream.Running;
import dev.zisk4j.cli.engine.ProgramFiles;
import dev.zisk4j.proto.coordinator.v1.ExecuteRequest;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zisk4j coordinator's job store flags (--data-dir, --db, --db-user, --db-password). */
class CoordinatorStoreCliTest {
  @TempDir Path dir;

  @Test
  void badStoreFlagsExitTwoNamingTheFlag() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    CliRun notDir = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--data-dir", file.toString());
    assertThat(notDir.exit()).isEqualTo(2);
    assertThat(notDir.err()).contains("'--data-dir'", "a directory");
    CliRun both = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--data-dir", dir.toString(),
        "--db", "jdbc:postgresql://127.0.0.1:1/x");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("'--db'", "not both");
    CliRun mysql = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--db",
        "jdbc:mysql://h/db?password=hunter2");
    assertThat(mysql.exit()).isEqualTo(2);
    assertThat(mysql.err()).contains("'--db'", "jdbc:postgresql://HOST[:PORT]/DB").doesNotContain("hunter2");
    CliRun userOnly = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--db-user", "zisk");
    assertThat(userOnly.exit()).isEqualTo(2);
    assertThat(userOnly.err()).contains("'--db-user'", "only with --db");
    // nothing listens on port 1: the database cannot be reached
    CliRun down = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--db",
        "jdbc:postgresql://127.0.0.1:1/zisk?connectTimeout=2", "--db-user", "zisk", "--db-password", "hunter2");
    assertThat(down.exit()).isEqualTo(2);
    assertThat(down.err()).contains("'--db'", "a reachable PostgreSQL database").doesNotContain("hunter2");
  }

  @Test
  void jobsUnderADataDirSurviveARestartAndStayQueryable() throws Exception {
    Path data = dir.resolve("data");
    ClusterCliTest.Coordinator first = new ClusterCliTest().coordinator(Map.of(), "--port", "0", "--metrics-port",
        "-1", "--data-dir", data.toString());
    String job;
    try (Running ignored = first.running()) {
      assertThat(data.resolve("coordinator.mv.db")).exists();
      ManagedChannel ch = channel(first.url());
      try {
        var client = ZiskCoordinatorApiGrpc.newBlockingStub(ch);
        String hash = client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder().setZiskElf(
            ByteString.copyFrom(ProgramFiles.load(Path.of(ClusterCliTest.FIB)).encode())).build()).getHashId();
        byte[] input = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8).putLong(20).array();
        job = client.jobRequest(JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder().setExecute(
            ExecuteRequest.newBuilder().setHashId(hash).setInput(InputKind.newBuilder().setInline(
                InputChunk.newBuilder().setData(ByteString.copyFrom(input)))))).build()).getJobId();
        WaitJobResultResponse r = client.waitJobResult(WaitJobResultRequest.newBuilder().setJobId(job)
            .setTimeoutSeconds(30).build());
        assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    ClusterCliTest.Coordinator second = new ClusterCliTest().coordinator(Map.of(), "--port", "0", "--metrics-port",
        "-1", "--data-dir", data.toString());
    try (Running ignored = second.running()) {
      CliRun show = CliRun.of("cluster", "job", job, "--url", second.url());
      assertThat(show.exit()).as(show.err()).isEqualTo(0);
      assertThat(show.out()).contains("COMPLETED");
      ManagedChannel ch = channel(second.url());
      try {
        WaitJobResultResponse r = ZiskCoordinatorApiGrpc.newBlockingStub(ch).waitJobResult(
            WaitJobResultRequest.newBuilder().setJobId(job).setTimeoutSeconds(1).build());
        assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
        assertThat(r.getResult().hasExecute()).isTrue();
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static ManagedChannel channel(String url) {
    return NettyChannelBuilder.forTarget(url.replaceFirst("^http://", "")).usePlaintext().build();
  }
}

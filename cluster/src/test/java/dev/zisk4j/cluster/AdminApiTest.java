package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.util.JsonFormat;
import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.proto.coordinator.v1.ApiError;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.ProofKind;
import dev.zisk4j.proto.coordinator.v1.ProveRequest;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import dev.zisk4j.proto.distributed.v1.JobsListRequest;
import dev.zisk4j.proto.distributed.v1.LaunchProofRequest;
import dev.zisk4j.proto.distributed.v1.LaunchProofResponse;
import dev.zisk4j.proto.distributed.v1.ProversListRequest;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's admin calls (its grpcurl JSON, parsed as grpcurl would) and the client API's error codes. */
class AdminApiTest {
  @TempDir
  Path inputs;

  private static <T extends com.google.protobuf.Message.Builder> T json(String s, T b) throws Exception {
    JsonFormat.parser().merge(s, b);
    return b;
  }

  private static ApiError apiError(StatusRuntimeException e) throws Exception {
    com.google.rpc.Status s = StatusProto.fromThrowable(e);
    assertThat(s).as("grpc-status-details-bin").isNotNull();
    return s.getDetails(0).unpack(ApiError.class);
  }

  @Test
  void seedAdminLinesAnswer() throws Exception {
    Files.write(inputs.resolve("input.bin"), Guests.record(3, 1, 2));
    CoordinatorConfig cfg = ClusterFixture.config().withInputsFolder(inputs);
    try (ClusterFixture c = new ClusterFixture(cfg)) {
      assertThat(c.admin.healthCheck(Empty.getDefaultInstance()).getStatus()).isEqualTo("SERVING");
      assertThat(HealthGrpc.newBlockingStub(c.channel).check(HealthCheckRequest.newBuilder()
          .setService(ZiskDistributedApiGrpc.SERVICE_NAME).build()).getStatus().name()).isEqualTo("SERVING");
      assertThat(c.admin.statusInfo(Empty.getDefaultInstance()).getServiceName()).isEqualTo("zisk4j-coordinator");

      // no provers yet: LaunchProof says PROVER_UNAVAILABLE
      String hash = c.client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
          .setZiskElf(ByteString.copyFrom(Guests.image("sort").encode())).build()).getHashId();
      LaunchProofResponse none = c.admin.launchProof(json(
          "{\"block_id\": \"block_456\", \"compute_capacity\": 4, \"input_path\": \"input.bin\", \"hash_id\": \"" + hash
              + "\"}", LaunchProofRequest.newBuilder()).build());
      assertThat(none.getError().getCode()).isEqualTo("PROVER_UNAVAILABLE");

      c.addWorker("prover-a", 2);
      var sys = c.admin.systemStatus(Empty.getDefaultInstance()).getStatus();
      assertThat(sys.getTotalWorkers()).isEqualTo(1);
      assertThat(sys.getComputeCapacity()).isEqualTo(2);
      var provers = c.admin.proversList(json("{\"available_only\": true}", ProversListRequest.newBuilder()).build());
      assertThat(provers.getProversList().getProversList()).extracting(p -> p.getProverId()).containsExactly("prover-a");
      assertThat(provers.getProversList().getProvers(0).getRemoteAddress()).contains("127.0.0.1");
      // WorkersList: released ZisK's name, the same answer
      var workersList = ClientCalls.blockingUnaryCall(c.channel, workersList(), io.grpc.CallOptions.DEFAULT,
          ProversListRequest.getDefaultInstance());
      assertThat(workersList.getProversList().getProversCount()).isEqualTo(1);

      LaunchProofResponse launched = c.admin.launchProof(json(
          "{\"block_id\": \"block_456\", \"compute_capacity\": 4, \"input_path\": \"input.bin\", \"hash_id\": \"" + hash
              + "\"}", LaunchProofRequest.newBuilder()).build());
      assertThat(launched.hasJobId()).as(launched.toString()).isTrue();
      var active = c.admin.jobsList(json("{\"active_only\": true}", JobsListRequest.newBuilder()).build());
      assertThat(active.getJobsList().getJobsList()).allSatisfy(j -> assertThat(j.getState()).isNotIn("COMPLETED"));
      var r = DistributedProvingTest.await(c, launched.getJobId());
      assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
      var st = c.admin.jobStatus(json("{\"job_id\": \"" + launched.getJobId() + "\"}", JobStatusRequest.newBuilder())
          .build()).getJob();
      assertThat(st.getBlockId()).isEqualTo("block_456");
      assertThat(st.getStartTime()).isBetween(System.currentTimeMillis() / 1000 - 600, System.currentTimeMillis() / 1000);
      assertThat(c.admin.jobsList(json("{\"active_only\": true}", JobsListRequest.newBuilder()).build())
          .getJobsList().getJobsCount()).isZero();

      // seed's job_123: in-band JOB_NOT_FOUND under status OK
      assertThat(c.admin.jobStatus(json("{\"job_id\": \"job_123\"}", JobStatusRequest.newBuilder()).build())
          .getError().getCode()).isEqualTo("JOB_NOT_FOUND");
      // the seed's /path/to/input lies outside the inputs folder
      var outside = c.admin.launchProof(json("{\"block_id\": \"block_456\", \"compute_capacity\": 4, "
          + "\"input_path\": \"/path/to/input\", \"hash_id\": \"" + hash + "\"}", LaunchProofRequest.newBuilder()).build());
      assertThat(outside.getError().getCode()).isEqualTo("INVALID_INPUT");
      assertThat(outside.getError().getMessage()).contains("/path/to/input").contains(inputs.toRealPath().toString());
      for (String escape : new String[] {"../x", "../../etc/passwd", "a\u0000b", "."}) {
        var e = c.admin.launchProof(LaunchProofRequest.newBuilder().setInputPath(escape).setHashId(hash).build());
        assertThat(e.getError().getCode()).as(escape).isEqualTo("INVALID_INPUT");
      }
      Files.createSymbolicLink(inputs.resolve("link"), Path.of("/etc/hostname"));
      assertThat(c.admin.launchProof(LaunchProofRequest.newBuilder().setInputPath("link").setHashId(hash).build())
          .getError().getMessage()).contains("outside");
      assertThat(c.admin.launchProof(LaunchProofRequest.newBuilder().setInputPath("input.bin").build())
          .getError().getCode()).isEqualTo("PROGRAM_NOT_FOUND");
      assertThat(c.admin.launchProof(LaunchProofRequest.newBuilder().setInputsModeValue(9).setHashId(hash).build())
          .getError().getCode()).isEqualTo("INVALID_INPUT");
      assertThat(c.admin.launchProof(LaunchProofRequest.newBuilder().setInputData(ByteString.copyFrom(new byte[5]))
          .setHashId(hash).build()).getError().getMessage()).contains("8-byte");
    }
  }

  @SuppressWarnings("unchecked")
  private static MethodDescriptor<ProversListRequest, dev.zisk4j.proto.distributed.v1.ProversListResponse> workersList() {
    return (MethodDescriptor<ProversListRequest, dev.zisk4j.proto.distributed.v1.ProversListResponse>)
        ZiskDistributedApiGrpc.getServiceDescriptor().getMethods().stream()
            .filter(m -> m.getFullMethodName().endsWith("/WorkersList")).findFirst().orElseThrow();
  }

  @Test
  void clientApiErrorsCarryTheirCodes() throws Exception {
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config())) {
      String hash = c.client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
          .setZiskElf(ByteString.copyFrom(Guests.image("sort").encode())).build()).getHashId();
      assertThat(hash).hasSize(64);
      // no workers: 2001 no workers connected
      StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> DistributedProvingTest.prove(c, hash, Guests.record(1)));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(apiError(e).getCode()).isEqualTo(2001);
      assertThat(apiError(e).getMessage()).isEqualTo("no workers connected");

      c.addWorker(null, 1);
      e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
          () -> DistributedProvingTest.prove(c, "00".repeat(32), Guests.record(1)));
      assertThat(apiError(e).getCode()).isEqualTo(1002);
      e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> c.client.waitJobResult(
          WaitJobResultRequest.newBuilder().setJobId("nope").build()));
      assertThat(apiError(e).getCode()).isEqualTo(1001);
      e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> c.client.cancelJob(
          CancelJobRequest.newBuilder().setJobId("nope").build()));
      assertThat(apiError(e).getCode()).isEqualTo(1001);
      e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> c.client.jobRequest(
          JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder().setProve(ProveRequest.newBuilder()
              .setHashId(hash).setProofDest(ProofKind.PROOF_KIND_PLONK))).build()));
      assertThat(apiError(e).getCode()).isEqualTo(1005);
      assertThatThrownBy(() -> c.client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
          .setZiskElf(ByteString.copyFromUtf8("JZKP garbage")).build()))
          .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("zisk_elf");
      assertThatThrownBy(() -> c.client.jobRequest(JobRequestMessage.getDefaultInstance()))
          .hasMessageContaining("job_kind is not set");
      assertThatThrownBy(() -> c.client.jobRequest(JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder()
          .setProve(ProveRequest.newBuilder().setHashId(hash).setInput(InputKind.newBuilder()
              .setStreamUri("unix:///tmp/x.sock")))).build()))
          .hasMessageContaining("UNIMPLEMENTED").hasMessageContaining("stream_uri");
      // the coordinator stays healthy
      assertThat(c.admin.healthCheck(Empty.getDefaultInstance()).getStatus()).isEqualTo("SERVING");
    }
  }
}

package dev.zisk4j.proto;

import static dev.zisk4j.proto.CoordinatorApiProtoTest.assertNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.zisk4j.proto.distributed.v1.ContributionParams;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskRequest;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskResponse;
import dev.zisk4j.proto.distributed.v1.JobsListRequest;
import dev.zisk4j.proto.distributed.v1.LaunchProofRequest;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ProverRegisterResponse;
import dev.zisk4j.proto.distributed.v1.ReconnectionAction;
import dev.zisk4j.proto.distributed.v1.TaskType;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiProto;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

/** zisk.distributed.api.v1 matches cluster.md §1.1 (numbers from spec zisk.md §3.3 and §3.4). */
class DistributedApiProtoTest {

  @Test
  void seedRegisterJsonParses() throws InvalidProtocolBufferException {
    var builder = ProverMessage.newBuilder();
    JsonFormat.parser().merge("""
        {"register": {"prover_id": "test-worker-001", "compute_capacity": {"compute_units": 8}}}
        """, builder);
    var message = builder.build();
    assertThat(message.getRegister().getProverId()).isEqualTo("test-worker-001");
    assertThat(message.getRegister().getComputeCapacity().getComputeUnits()).isEqualTo(8);
    // register is field 3 of the envelope, prover_id field 1, compute_capacity field 2
    assertThat(message.toByteArray()[0]).isEqualTo((byte) ((3 << 3) | 2));
  }

  @Test
  void seedGrpcurlAdminJsonParses() throws InvalidProtocolBufferException {
    var jobs = JobsListRequest.newBuilder();
    JsonFormat.parser().merge("{\"active_only\": true}", jobs);
    assertThat(jobs.getActiveOnly()).isTrue();
    var launch = LaunchProofRequest.newBuilder();
    JsonFormat.parser().merge(
        "{\"block_id\": \"block_456\", \"compute_capacity\": 4, \"input_path\": \"/path/to/input\"}",
        launch);
    assertThat(launch.build()).isEqualTo(LaunchProofRequest.newBuilder()
        .setBlockId("block_456").setComputeCapacity(4).setInputPath("/path/to/input").build());
  }

  @Test
  void executeTaskRequestRoundTrips() throws InvalidProtocolBufferException {
    var message = CoordinatorMessage.newBuilder().setExecuteTask(ExecuteTaskRequest.newBuilder()
            .setProverId("p").setJobId("j").setTaskType(TaskType.PROVE)
            .setContributionParams(ContributionParams.newBuilder()
                .setDataId("d").setCheckpoint(ByteString.copyFrom(new byte[] {9, 8, 7})))
            .setSegmentIndex(3).setAttempt(2).setEpoch(1).setHashId("h"))
        .build();
    assertThat(CoordinatorMessage.parseFrom(message.toByteArray())).isEqualTo(message);
  }

  @Test
  void fieldNumbersMatchDesign() {
    assertNumber(ProverMessage.getDescriptor(), "setup_program_ack", 7);
    assertThat(ProverMessage.getDescriptor().findFieldByNumber(8)).isNull();
    assertNumber(CoordinatorMessage.getDescriptor(), "setup_program", 7);
    assertNumber(CoordinatorMessage.getDescriptor(), "task_result_ack", 9);
    assertThat(CoordinatorMessage.getDescriptor().findFieldByNumber(6)).isNull();
    assertNumber(ContributionParams.getDescriptor(), "checkpoint", 12);
    assertNumber(ExecuteTaskResponse.getDescriptor(), "final_proof", 9);
    assertNumber(ExecuteTaskResponse.getDescriptor(), "duration_ms", 16);
    assertNumber(ProverRegisterResponse.getDescriptor(), "task_directives", 8);
    assertNumber(LaunchProofRequest.getDescriptor(), "input_path", 5);
    // errata: 4 is upstream's inputs_mode enum; 9 and 10 collide upstream, so ours moved to 11 and 12
    assertNumber(LaunchProofRequest.getDescriptor(), "inputs_mode", 4);
    assertNumber(LaunchProofRequest.getDescriptor(), "input_data", 11);
    assertNumber(LaunchProofRequest.getDescriptor(), "hash_id", 12);
    // errata: JobStatus.start_time is uint64 unix seconds, as upstream
    assertThat(dev.zisk4j.proto.distributed.v1.JobStatus.getDescriptor().findFieldByName("start_time").getType())
        .isEqualTo(com.google.protobuf.Descriptors.FieldDescriptor.Type.UINT64);
    assertThat(ZiskDistributedApiGrpc.getWorkersListMethod().getFullMethodName())
        .isEqualTo("zisk.distributed.api.v1.ZiskDistributedApi/WorkersList");
    assertThat(ZiskDistributedApiProto.getDescriptor().getPackage())
        .isEqualTo("zisk.distributed.api.v1");
  }

  @Test
  void enumValuesMatchSpec() {
    assertThat(TaskType.PARTIAL_CONTRIBUTION.getNumber()).isZero();
    assertThat(TaskType.AGGREGATE.getNumber()).isEqualTo(2);
    assertThat(ReconnectionAction.RECONNECTION_ACTION_CANCEL_STALE_JOB.getNumber()).isEqualTo(2);
  }

  @Test
  void proverStreamIsBidirectional() {
    assertThat(ZiskDistributedApiGrpc.getProverStreamMethod().getType())
        .isEqualTo(MethodType.BIDI_STREAMING);
    assertThat(ZiskDistributedApiGrpc.getHealthCheckMethod().getFullMethodName())
        .isEqualTo("zisk.distributed.api.v1.ZiskDistributedApi/HealthCheck");
  }
}

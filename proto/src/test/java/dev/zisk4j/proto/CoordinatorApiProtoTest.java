package dev.zisk4j.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobPhase;
import dev.zisk4j.proto.coordinator.v1.JobStatus;
import dev.zisk4j.proto.coordinator.v1.ProofKind;
import dev.zisk4j.proto.coordinator.v1.ProveRequest;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiProto;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

/** zisk.coordinator.v1 matches spec zisk.md §3.2 on the wire. */
class CoordinatorApiProtoTest {

  @Test
  void pushJobInputRequestHasTheSpecWireBytes() throws InvalidProtocolBufferException {
    var request = PushJobInputRequest.newBuilder()
        .setJobId("j")
        .setChunk(InputChunk.newBuilder().setData(ByteString.copyFrom(new byte[] {1, 2})))
        .build();
    // field 1 (job_id, LEN) = "j"; field 2 (chunk, LEN) = { field 1 (data, LEN) = 01 02 }
    byte[] expected = {0x0a, 0x01, 'j', 0x12, 0x04, 0x0a, 0x02, 0x01, 0x02};
    assertThat(request.toByteArray()).containsExactly(expected);
    assertThat(PushJobInputRequest.parseFrom(expected)).isEqualTo(request);
  }

  @Test
  void proveRequestRoundTripsWithOptionalHints() throws InvalidProtocolBufferException {
    var request = JobKind.newBuilder().setProve(ProveRequest.newBuilder()
            .setHashId("abc")
            .setInput(InputKind.newBuilder().setStreamUri("grpc://push"))
            .setProofDest(ProofKind.PROOF_KIND_PLONK)
            .setHints(InputKind.newBuilder().setInline(InputChunk.newBuilder()
                .setData(ByteString.copyFromUtf8("hints")))))
        .build();
    var parsed = JobKind.parseFrom(request.toByteArray());
    assertThat(parsed).isEqualTo(request);
    assertThat(parsed.getProve().hasHints()).isTrue();
    assertThat(parsed.getProve().hasProofTimeout()).isFalse();
  }

  @Test
  void fieldNumbersMatchSpec() {
    assertNumber(JobKind.getDescriptor(), "setup", 1);
    assertNumber(JobKind.getDescriptor(), "execute", 5);
    assertThat(JobKind.getDescriptor().findFieldByNumber(4)).isNull();
    assertNumber(ProveRequest.getDescriptor(), "hints", 5);
    assertThat(ProveRequest.getDescriptor().findFieldByName("hints").hasPresence()).isTrue();
    assertNumber(JobStatus.getDescriptor(), "waiting_for_input", 3);
    assertNumber(JobStatus.getDescriptor(), "cancelled", 6);
    assertNumber(WaitJobResultResponse.getDescriptor(), "result", 3);
    assertNumber(PushJobInputRequest.getDescriptor(), "chunk", 2);
    assertThat(ZiskCoordinatorApiProto.getDescriptor().getPackage()).isEqualTo("zisk.coordinator.v1");
  }

  @Test
  void enumValuesMatchSpec() {
    assertThat(ProofKind.PROOF_KIND_STARK_MINIMAL.getNumber()).isEqualTo(2);
    assertThat(ProofKind.PROOF_KIND_PLONK.getNumber()).isEqualTo(3);
    assertThat(JobPhase.JOB_PHASE_AGGREGATE.getNumber()).isEqualTo(3);
  }

  @Test
  void serviceHasTheSevenRpcsWithSpecStreamingShapes() {
    ServiceDescriptor service = ZiskCoordinatorApiProto.getDescriptor()
        .findServiceByName("ZiskCoordinatorApi");
    assertThat(service.getMethods()).extracting(m -> m.getName()).containsExactly(
        "RegisterGuestProgram", "JobRequest", "WaitJobResult", "WatchJob",
        "PushJobInput", "PushJobHintsInput", "CancelJob");
    assertThat(ZiskCoordinatorApiGrpc.getPushJobInputMethod().getType())
        .isEqualTo(MethodType.CLIENT_STREAMING);
    assertThat(ZiskCoordinatorApiGrpc.getPushJobInputMethod().getFullMethodName())
        .isEqualTo("zisk.coordinator.v1.ZiskCoordinatorApi/PushJobInput");
    assertThat(ZiskCoordinatorApiGrpc.getWatchJobMethod().getType())
        .isEqualTo(MethodType.SERVER_STREAMING);
  }

  static void assertNumber(Descriptor message, String field, int number) {
    FieldDescriptor descriptor = message.findFieldByName(field);
    assertThat(descriptor).as("%s.%s", message.getName(), field).isNotNull();
    assertThat(descriptor.getNumber()).as("%s.%s", message.getName(), field).isEqualTo(number);
  }
}

package dev.zisk4j.proto;

import static dev.zisk4j.proto.CoordinatorApiProtoTest.assertNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.GenProofRequest;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetStatusResponse;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.Log;
import dev.zisk4j.proto.zkprover.v1.Proof;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proto.zkprover.v1.Receipt;
import dev.zisk4j.proto.zkprover.v1.StarkProof;
import dev.zisk4j.proto.zkprover.v1.SynchronizeBatchProposalRequest;
import dev.zisk4j.proto.zkprover.v1.SynchronizeBatchProposalResponse;
import dev.zisk4j.proto.zkprover.v1.ZKProverServiceGrpc;
import dev.zisk4j.proto.zkprover.v1.ZkProverProto;
import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

/** zkprover.v1 matches revision R1 of spec zkprover.md §1 and the seed. */
class ZkProverProtoTest {

  @Test
  void genProofRequestRoundTrips() throws InvalidProtocolBufferException {
    var request = GenProofRequest.newBuilder().setInput(InputProver.newBuilder()
            .setPublicInputs(PublicInputs.newBuilder()
                .setOldStateRoot("0x01").setChainId(1000).setBatchNum(7).setEthTimestamp(1_700_000_000L))
            .setGlobalExitRoot("0x02").setBatchL2Data("0xabcd")
            .putDb("k", "v").putContractsBytecode("c", "0x60"))
        .build();
    assertThat(GenProofRequest.parseFrom(request.toByteArray())).isEqualTo(request);
  }

  @Test
  void fieldNumbersMatchR1() {
    assertNumber(PublicInputs.getDescriptor(), "chain_id", 7);
    assertNumber(PublicInputs.getDescriptor(), "block_num", 9);
    assertNumber(PublicInputs.getDescriptor(), "eth_timestamp", 10);
    assertNumber(InputProver.getDescriptor(), "contracts_bytecode", 5);
    assertNumber(GetProofResponse.getDescriptor(), "public", 3);
    assertNumber(GetStatusResponse.getDescriptor(), "pending_request_queue_ids", 8);
    assertThat(ZkProverProto.getDescriptor().getPackage()).isEqualTo("zkprover.v1");
  }

  @Test
  void synchronizeBatchProposalMessagesMatchFa470ab() {
    assertNumber(SynchronizeBatchProposalRequest.getDescriptor(), "batch_l2_data", 1);
    assertNumber(SynchronizeBatchProposalRequest.getDescriptor(), "state_root", 2);
    assertNumber(SynchronizeBatchProposalResponse.getDescriptor(), "receipts", 1);
    assertNumber(Receipt.getDescriptor(), "logs", 6);
    assertNumber(Receipt.getDescriptor(), "gas_used", 9);
    assertNumber(Receipt.getDescriptor(), "transaction_index", 12);
    assertNumber(Receipt.getDescriptor(), "to", 14);
    assertNumber(Log.getDescriptor(), "tx_hash", 5);
    assertNumber(Log.getDescriptor(), "index", 8);
    assertNumber(Log.getDescriptor(), "removed", 9);
  }

  @Test
  void starkExtensionLeavesTheGroth16FieldsAlone() throws InvalidProtocolBufferException {
    assertNumber(Proof.getDescriptor(), "proof_c", 3);
    assertNumber(Proof.getDescriptor(), "stark", 100);
    Proof p = Proof.newBuilder().setStark(StarkProof.newBuilder()
        .setBundle(ByteString.copyFromUtf8("JZKB")).setImageId("ab").addOutputs(-1L)).build();
    // A reader of the upstream schema (no field 100) sees an empty Proof and keeps the bytes.
    byte[] wire = p.toByteArray();
    assertThat(wire[0] & 0xff).isEqualTo((100 << 3 | 2) & 0x7f | 0x80);
    assertThat(Proof.parseFrom(wire)).isEqualTo(p);
  }

  @Test
  void enumValuesMatchR1() {
    assertThat(GetStatusResponse.StatusProver.STATUS_PROVER_HALT.getNumber()).isEqualTo(4);
    assertThat(GetProofResponse.ResultGetProof.RESULT_GET_PROOF_PENDING.getNumber()).isEqualTo(4);
    assertThat(GetProofResponse.ResultGetProof.RESULT_GET_PROOF_CANCEL.getNumber()).isEqualTo(6);
    assertThat(ExecuteResponse.ResultExecute.RESULT_EXECUTE_COMPLETED_ERR.getNumber()).isEqualTo(3);
  }

  @Test
  void serviceHasTheSeedRpcs() {
    assertThat(ZkProverProto.getDescriptor().findServiceByName("ZKProverService").getMethods())
        .extracting(m -> m.getName())
        .containsExactly("GetStatus", "GenProof", "Cancel", "GetProof", "Execute", "SynchronizeBatchProposal");
    assertThat(ZKProverServiceGrpc.getSynchronizeBatchProposalMethod().getType()).isEqualTo(MethodType.UNARY);
    assertThat(ZKProverServiceGrpc.getGetProofMethod().getType()).isEqualTo(MethodType.BIDI_STREAMING);
    assertThat(ZKProverServiceGrpc.getExecuteMethod().getType()).isEqualTo(MethodType.BIDI_STREAMING);
  }
}

package dev.zisk4j.proverservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.proto.zkprover.v1.GenProofRequest;
import dev.zisk4j.proto.zkprover.v1.GenProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofRequest;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.GetStatusRequest;
import dev.zisk4j.proto.zkprover.v1.GetStatusResponse.StatusProver;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proto.zkprover.v1.ZKProverServiceGrpc;
import dev.zisk4j.proverservice.input.Keccak;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays the zkevm-node aggregator's client loop (spec §2.4, aggregator/prover/client.go at
 * 4db063e0a^) against the server: GetStatus until IDLE, GenProof, one GetProof stream polled with
 * timeout 0 until COMPLETED_OK, then the node's own input-hash check, written here from the spec.
 */
class AggregatorLoopTest {
  @TempDir Path dir;

  @Test
  void theNodesLoopGetsAProofWhoseInputHashItAccepts() throws Exception {
    try (TestService t = TestService.start(dir)) {
      var stub = ZKProverServiceGrpc.newBlockingStub(t.client.channel());
      while (stub.getStatus(GetStatusRequest.getDefaultInstance()).getState() != StatusProver.STATUS_PROVER_IDLE) {
        Thread.sleep(50);
      }
      InputProver in = TestInputs.request(3, 2);
      in = TestInputs.claiming(in, TestInputs.fold4Root(in));
      // The node sends its own batch_hash_data: keccak256(batchL2Data, globalExitRoot, timestamp, coinbase).
      in = in.toBuilder().setPublicInputs(in.getPublicInputs().toBuilder()
          .setBatchHashData(nodeBatchHashData(in))).build();
      GenProofResponse gen = stub.genProof(GenProofRequest.newBuilder().setInput(in).build());
      assertThat(gen.getResult()).isEqualTo(GenProofResponse.ResultGenProof.RESULT_GEN_PROOF_OK);

      LinkedBlockingQueue<GetProofResponse> answers = new LinkedBlockingQueue<>();
      Context.CancellableContext ctx = Context.current().withCancellation();
      GetProofResponse last;
      try {
        StreamObserver<GetProofRequest> stream = ctx.call(() -> ZKProverServiceGrpc.newStub(t.client.channel())
            .getProof(new StreamObserver<>() {
              @Override
              public void onNext(GetProofResponse v) {
                answers.add(v);
              }

              @Override
              public void onError(Throwable e) {}

              @Override
              public void onCompleted() {}
            }));
        int polls = 0;
        while (true) {
          stream.onNext(GetProofRequest.newBuilder().setId(gen.getId()).build()); // no timeout, as the node
          last = answers.poll(30, TimeUnit.SECONDS);
          assertThat(last).isNotNull();
          polls++;
          if (last.getResult() != ResultGetProof.RESULT_GET_PROOF_PENDING) {
            break;
          }
          assertThat(polls).isLessThan(600);
          Thread.sleep(50);
        }
      } finally {
        ctx.cancel(null); // "the only way to close it by client": the node never half-closes
      }
      assertThat(last.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
      assertThat(last.getPublic().getInputHash()).isEqualTo(nodeInputHash(in.getPublicInputs()));
      // The server is still healthy after the node dropped its stream.
      assertThat(stub.getStatus(GetStatusRequest.getDefaultInstance()).getState()).isEqualTo(StatusProver.STATUS_PROVER_IDLE);
    }
  }

  /** compareInputHashes of the node: keccak over the hex strings, u32 batch, u64 timestamp, mod r, %064s. */
  static String nodeInputHash(PublicInputs p) {
    byte[] h = Keccak.hash(b(p.getOldStateRoot()), b(p.getOldLocalExitRoot()), b(p.getNewStateRoot()),
        b(p.getNewLocalExitRoot()), b(p.getSequencerAddr()), b(p.getBatchHashData()),
        ByteBuffer.allocate(4).putInt(p.getBatchNum()).array(), ByteBuffer.allocate(8).putLong(p.getEthTimestamp()).array());
    BigInteger r = new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");
    return String.format("0x%064x", new BigInteger(1, h).mod(r));
  }

  static String nodeBatchHashData(InputProver in) {
    byte[] batch = java.util.HexFormat.of().parseHex(in.getBatchL2Data().substring(2));
    byte[] ger = java.util.HexFormat.of().parseHex(in.getGlobalExitRoot().substring(2));
    byte[] coinbase = java.util.HexFormat.of().parseHex(in.getPublicInputs().getSequencerAddr().substring(2));
    byte[] ts = ByteBuffer.allocate(8).putLong(in.getPublicInputs().getEthTimestamp()).array();
    return "0x" + java.util.HexFormat.of().formatHex(Keccak.hash(batch, ger, ts, coinbase));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

package dev.zisk4j.proverservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.proto.zkprover.v1.CancelResponse.ResultCancel;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.GenProofResponse.ResultGenProof;
import dev.zisk4j.proto.zkprover.v1.GetProofRequest;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.GetStatusResponse.StatusProver;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.SynchronizeBatchProposalRequest;
import dev.zisk4j.proto.zkprover.v1.SynchronizeBatchProposalResponse;
import dev.zisk4j.proto.zkprover.v1.ZKProverServiceGrpc;
import dev.zisk4j.proverservice.input.InputHash;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end over gRPC with real proofs of the fold4 test guest. */
class ProverServiceTest {
  /** A request whose proof takes seconds (a few dozen segments of 2^10 rows). */
  static final InputProver SLOW = TestInputs.request(8, 40); // a tape of some 4,000 words: a few seconds of proving

  @TempDir Path dir;
  TestService t;

  @BeforeEach
  void start() throws InterruptedException {
    t = TestService.start(dir);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void provesAClaimedRootAndFillsAnEmptyOne() throws Exception {
    InputProver in = TestInputs.request(2, 3);
    String root = TestInputs.fold4Root(in);
    var gen = t.client.genProof(TestInputs.claiming(in, root));
    assertThat(gen.response().getResult()).isEqualTo(ResultGenProof.RESULT_GEN_PROOF_OK);
    assertThat(gen.response().getId()).hasSize(36);
    GetProofResponse r = t.client.getProof(gen.response().getId(), 5, Duration.ofSeconds(60));
    assertThat(r.getResult()).as(r.getResultString()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    assertThat(r.getId()).isEqualTo(gen.response().getId());
    assertThat(r.getProof().getStark().getBundle().size()).isGreaterThan(1000);
    assertThat(r.getProof().getProofACount()).isZero();
    assertThat(r.getProof().getStark().getImageId()).isEqualTo(TestService.fold4().imageIdHex());
    assertThat(r.getPublic().getPublicInputs().getNewStateRoot()).isEqualTo(root);
    assertThat(r.getPublic().getPublicInputs().getBatchHashData()).hasSize(66);
    assertThat(r.getPublic().getInputHash()).isEqualTo(InputHash.of(r.getPublic().getPublicInputs()));

    var gen2 = t.client.genProof(in);
    GetProofResponse r2 = t.client.getProof(gen2.response().getId(), 5, Duration.ofSeconds(60));
    assertThat(r2.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    assertThat(r2.getPublic().getPublicInputs().getNewStateRoot()).isEqualTo(root);
    assertThat(t.client.status().getLastComputedRequestId()).isEqualTo(gen2.response().getId());
  }

  @Test
  void aWrongClaimIsCompletedErrorNamingBothRoots() throws Exception {
    InputProver in = TestInputs.request(1, 1);
    String wrong = "0x" + "0".repeat(63) + "1";
    var gen = t.client.genProof(TestInputs.claiming(in, wrong));
    GetProofResponse r = t.client.getProof(gen.response().getId(), 5, Duration.ofSeconds(60));
    assertThat(r.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_ERROR);
    assertThat(r.getResultString()).contains("claimed " + wrong).contains("proven " + TestInputs.fold4Root(in));
  }

  @Test
  void badInputIsAnsweredInBandWithTheReason() {
    InputProver bad = TestInputs.request(1, 0).toBuilder().setBatchL2Data("0x02").build();
    var gen = t.client.genProof(bad);
    assertThat(gen.response().getResult()).isEqualTo(ResultGenProof.RESULT_GEN_PROOF_ERROR);
    assertThat(gen.response().getId()).isEmpty();
    assertThat(gen.errorDetail()).hasValueSatisfying(m -> assertThat(m).contains("batch_l2_data"));
    assertThat(t.client.status().getPendingRequestQueueIdsCount()).isZero();
  }

  @Test
  void cancelStopsAQueuedAndARunningProof() throws Exception {
    String running = t.client.genProof(SLOW).response().getId();
    String queued = t.client.genProof(SLOW).response().getId();
    await().atMost(Duration.ofSeconds(20)).until(() -> t.client.status().getCurrentComputingRequestId().equals(running));
    var st = t.client.status();
    assertThat(st.getState()).isEqualTo(StatusProver.STATUS_PROVER_COMPUTING);
    assertThat(st.getPendingRequestQueueIdsList()).containsExactly(queued);
    assertThat(st.getCurrentComputingStartTime()).isEqualTo(t.clock.millis() / 1000);

    assertThat(t.client.cancel(queued).response().getResult()).isEqualTo(ResultCancel.RESULT_CANCEL_OK);
    assertThat(t.client.cancel(running).response().getResult()).isEqualTo(ResultCancel.RESULT_CANCEL_OK);
    assertThat(t.client.getProof(queued, 0, Duration.ZERO).getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_CANCEL);
    assertThat(t.client.getProof(running, 0, Duration.ZERO).getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_CANCEL);
    await().atMost(Duration.ofSeconds(5)).until(() -> t.client.status().getState() == StatusProver.STATUS_PROVER_IDLE);
    // Cancelling again, or an unknown id, is an error.
    var again = t.client.cancel(running);
    assertThat(again.response().getResult()).isEqualTo(ResultCancel.RESULT_CANCEL_ERROR);
    assertThat(again.errorDetail()).hasValueSatisfying(m -> assertThat(m).contains("already finished"));
    assertThat(t.client.cancel("nope").response().getResult()).isEqualTo(ResultCancel.RESULT_CANCEL_ERROR);
    assertThat(t.client.cancel("x".repeat(100)).response().getResult()).isEqualTo(ResultCancel.RESULT_CANCEL_ERROR);
    // The queue goes on after a cancel.
    String next = t.client.genProof(TestInputs.request(1, 1)).response().getId();
    assertThat(t.client.getProof(next, 10, Duration.ofSeconds(60)).getResult())
        .isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    assertThat(t.client.cancel(next).response().getResult()).isEqualTo(ResultCancel.RESULT_CANCEL_ERROR);
  }

  @Test
  void getProofWaitsUpToItsTimeout() throws Exception {
    String slow = t.client.genProof(SLOW).response().getId();
    long t0 = System.nanoTime();
    GetProofResponse pending = t.client.getProof(slow, 1, Duration.ofSeconds(1));
    long waited = (System.nanoTime() - t0) / 1_000_000;
    assertThat(pending.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_PENDING);
    assertThat(pending.getId()).isEqualTo(slow);
    assertThat(waited).isBetween(900L, 5_000L);
    t.client.cancel(slow);

    String quick = t.client.genProof(TestInputs.request(1, 1)).response().getId();
    // One request with a long timeout is answered as soon as the proof is done.
    t0 = System.nanoTime();
    GetProofResponse done = oneAnswer(GetProofRequest.newBuilder().setId(quick).setTimeout(120).build()).getFirst();
    assertThat(done.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    assertThat((System.nanoTime() - t0) / 1_000_000_000L).isLessThan(60);
  }

  @Test
  void oneStreamAnswersEveryRequestInOrder() throws Exception {
    String done = t.client.genProof(TestInputs.request(1, 1)).response().getId();
    assertThat(t.client.getProof(done, 10, Duration.ofSeconds(60)).getResult())
        .isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    String cancelled = t.client.genProof(SLOW).response().getId();
    String pending = t.client.genProof(SLOW).response().getId();
    t.client.cancel(cancelled);
    List<GetProofRequest> reqs = List.of(
        GetProofRequest.newBuilder().setId("00000000-0000-0000-0000-000000000000").build(),
        GetProofRequest.newBuilder().setId(pending).build(),
        GetProofRequest.newBuilder().setId(cancelled).setTimeout(3).build(),
        GetProofRequest.newBuilder().setId("").build(),
        GetProofRequest.newBuilder().setId(pending).setTimeout(1_000_000).build(),
        GetProofRequest.newBuilder().setId("y".repeat(5000)).build(),
        GetProofRequest.newBuilder().setId(pending).setTimeout(1).build(),
        GetProofRequest.newBuilder().setId(done).build());
    List<GetProofResponse> out = oneAnswer(reqs.toArray(GetProofRequest[]::new));
    assertThat(out).extracting(GetProofResponse::getId).containsExactlyElementsOf(reqs.stream().map(GetProofRequest::getId).toList());
    assertThat(out).extracting(GetProofResponse::getResult).containsExactly(
        ResultGetProof.RESULT_GET_PROOF_ERROR, ResultGetProof.RESULT_GET_PROOF_PENDING,
        ResultGetProof.RESULT_GET_PROOF_CANCEL, ResultGetProof.RESULT_GET_PROOF_ERROR,
        ResultGetProof.RESULT_GET_PROOF_ERROR, ResultGetProof.RESULT_GET_PROOF_ERROR,
        ResultGetProof.RESULT_GET_PROOF_PENDING, ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    assertThat(out.get(0).getResultString()).isEqualTo("invalid UUID");
    assertThat(out.get(4).getResultString()).contains("exceeds max=3600");
    t.client.cancel(pending);
  }

  /** Sends all requests on one stream, half-closes, and returns every answer (the stream must end OK). */
  private List<GetProofResponse> oneAnswer(GetProofRequest... reqs) throws InterruptedException {
    LinkedBlockingQueue<GetProofResponse> got = new LinkedBlockingQueue<>();
    CountDownLatch end = new CountDownLatch(1);
    Throwable[] error = new Throwable[1];
    StreamObserver<GetProofRequest> s = ZKProverServiceGrpc.newStub(t.client.channel()).getProof(new StreamObserver<>() {
      @Override
      public void onNext(GetProofResponse v) {
        got.add(v);
      }

      @Override
      public void onError(Throwable e) {
        error[0] = e;
        end.countDown();
      }

      @Override
      public void onCompleted() {
        end.countDown();
      }
    });
    for (GetProofRequest r : reqs) {
      s.onNext(r);
    }
    s.onCompleted();
    assertThat(end.await(120, TimeUnit.SECONDS)).isTrue();
    assertThat(error[0]).isNull();
    return new ArrayList<>(got);
  }

  @Test
  void aRestartLosesNoFinishedProofAndRedoesUnfinishedOnes() throws Exception {
    InputProver quick = TestInputs.request(1, 2);
    String done = t.client.genProof(quick).response().getId();
    GetProofResponse before = t.client.getProof(done, 10, Duration.ofSeconds(60));
    assertThat(before.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    String running = t.client.genProof(SLOW).response().getId();
    String queued = t.client.genProof(quick).response().getId();
    await().atMost(Duration.ofSeconds(20)).until(() -> t.client.status().getCurrentComputingRequestId().equals(running));
    t.restart();
    assertThat(t.client.getProof(done, 0, Duration.ZERO)).isEqualTo(before);
    assertThat(t.client.status().getLastComputedRequestId()).isEqualTo(done);
    // FIFO order is kept: the interrupted proof runs again first.
    await().atMost(Duration.ofSeconds(20)).until(() -> t.client.status().getCurrentComputingRequestId().equals(running));
    assertThat(t.client.status().getPendingRequestQueueIdsList()).containsExactly(queued);
    t.client.cancel(running);
    assertThat(t.client.getProof(queued, 10, Duration.ofSeconds(60)).getResult())
        .isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
  }

  @Test
  void finishedRequestsAreForgottenAfterTheRetention() throws Exception {
    String id = t.client.genProof(TestInputs.request(1, 1)).response().getId();
    assertThat(t.client.getProof(id, 10, Duration.ofSeconds(60)).getResult())
        .isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    t.clock.advance(Duration.ofMinutes(59));
    assertThat(t.service.applyRetention()).isZero();
    t.clock.advance(Duration.ofMinutes(2));
    assertThat(t.service.applyRetention()).isEqualTo(1);
    GetProofResponse gone = t.client.getProof(id, 0, Duration.ZERO);
    assertThat(gone.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_ERROR);
    assertThat(gone.getResultString()).isEqualTo("invalid UUID");
    assertThat(gone.getId()).isEqualTo(id);
  }

  @Test
  void haltWakesWaitingGetProofsAndIsReported() throws Exception {
    String slow = t.client.genProof(SLOW).response().getId();
    LinkedBlockingQueue<GetProofResponse> got = new LinkedBlockingQueue<>();
    StreamObserver<GetProofRequest> s = ZKProverServiceGrpc.newStub(t.client.channel()).getProof(new StreamObserver<>() {
      @Override
      public void onNext(GetProofResponse v) {
        got.add(v);
      }

      @Override
      public void onError(Throwable e) {}

      @Override
      public void onCompleted() {}
    });
    s.onNext(GetProofRequest.newBuilder().setId(slow).setTimeout(600).build());
    Thread.sleep(200);
    Thread closer = Thread.ofPlatform().start(t.service::close);
    GetProofResponse r = got.poll(10, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(r.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_PENDING);
    closer.join();
    assertThat(t.service.status().phase()).isEqualTo(dev.zisk4j.proverservice.queue.ServerState.Phase.HALT);
    s.onCompleted();
    t.restart();
  }

  @Test
  void executeReportsTheTwinAndSaysWhenTheGuestDisagrees() throws Exception {
    ExecuteResponse bad = t.client.execute(TestInputs.request(1, 1).toBuilder().setBatchL2Data("zz").build(),
        Duration.ofSeconds(30));
    assertThat(bad.getResult()).isEqualTo(ExecuteResponse.ResultExecute.RESULT_EXECUTE_ERROR);
    assertThat(bad.getLogs(0)).contains("batch_l2_data");
    // fold4 is no rollup: its root is not the tree's, and Execute says so rather than report either.
    InputProver in = TestInputs.request(2, 3);
    ExecuteResponse r = t.client.execute(in, Duration.ofSeconds(30));
    assertThat(r.getResult()).isEqualTo(ExecuteResponse.ResultExecute.RESULT_EXECUTE_INTERNAL_ERROR);
    assertThat(r.getNewStateRoot()).isEqualTo(TestInputs.fold4Root(in));
    assertThat(r.getDiffKeysValuesCount()).isPositive();
    assertThat(r.getCounters().getHashPoseidon()).isPositive();
    assertThat(r.getLogsList().getLast()).contains("the guest and the native transition disagree: guest "
        + TestInputs.fold4Root(in));
  }

  @Test
  void healthReflectionAndSynchronizeBatchProposal() {
    var health = HealthGrpc.newBlockingStub(t.client.channel());
    assertThat(health.check(HealthCheckRequest.newBuilder().setService(ProverService.SERVICE_NAME).build()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    LinkedBlockingQueue<ServerReflectionResponse> refl = new LinkedBlockingQueue<>();
    var rs = ServerReflectionGrpc.newStub(t.client.channel()).serverReflectionInfo(new StreamObserver<>() {
      @Override
      public void onNext(ServerReflectionResponse v) {
        refl.add(v);
      }

      @Override
      public void onError(Throwable e) {}

      @Override
      public void onCompleted() {}
    });
    rs.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    rs.onCompleted();
    await().atMost(Duration.ofSeconds(5)).until(() -> !refl.isEmpty());
    assertThat(refl.peek().getListServicesResponse().getServiceList()).extracting(x -> x.getName())
        .contains("zkprover.v1.ZKProverService", "grpc.health.v1.Health");

    var stub = ZKProverServiceGrpc.newBlockingStub(t.client.channel());
    SynchronizeBatchProposalResponse sync = stub.synchronizeBatchProposal(SynchronizeBatchProposalRequest.newBuilder()
        .setBatchL2Data(ByteString.copyFrom(new byte[100])).setStateRoot(ByteString.copyFrom(new byte[32])).build());
    assertThat(sync.getReceiptsCount()).isEqualTo(1);
    assertThat(sync.getReceipts(0).getLogsCount()).isEqualTo(1);
    assertThatThrownBy(() -> stub.synchronizeBatchProposal(SynchronizeBatchProposalRequest.newBuilder()
        .setStateRoot(ByteString.copyFrom(new byte[33])).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }
}

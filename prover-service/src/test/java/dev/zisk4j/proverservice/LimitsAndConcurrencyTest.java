package dev.zisk4j.proverservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.proto.zkprover.v1.GenProofResponse.ResultGenProof;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proverservice.queue.Lookup;
import dev.zisk4j.proverservice.queue.ProofScheduler;
import dev.zisk4j.proverservice.queue.SchedulerConfig;
import dev.zisk4j.proverservice.queue.ServerState;
import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.proverservice.store.RequestStore;
import dev.zisk4j.proverservice.store.StoreException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsAndConcurrencyTest {
  @TempDir Path dir;

  @Test
  void anOversizedMessageIsRefusedByTransportAndTheServerGoesOn() throws Exception {
    try (TestService t = TestService.start(dir, TestService.config().withMaxMessageBytes(64 * 1024))) {
      InputProver.Builder big = TestInputs.request(1, 0).toBuilder();
      for (int i = 0; i < 2000; i++) {
        big.putDb(String.format("%064x", i + 1), "0".repeat(64));
      }
      assertThatThrownBy(() -> t.client.genProof(big.build())).isInstanceOfSatisfying(StatusRuntimeException.class,
          e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
      assertThat(t.client.genProof(TestInputs.request(1, 1)).response().getResult())
          .isEqualTo(ResultGenProof.RESULT_GEN_PROOF_OK);
    }
  }

  @Test
  void aFullQueueIsAnInternalErrorWithTheReason() throws Exception {
    ServiceConfig cfg = TestService.config().withScheduler(SchedulerConfig.defaults().withMaxQueued(1));
    try (TestService t = TestService.start(dir, cfg)) {
      String first = t.client.genProof(ProverServiceTest.SLOW).response().getId();
      await().atMost(Duration.ofSeconds(20)).until(() -> t.client.status().getCurrentComputingRequestId().equals(first));
      String second = t.client.genProof(ProverServiceTest.SLOW).response().getId();
      var third = t.client.genProof(ProverServiceTest.SLOW);
      assertThat(third.response().getResult()).isEqualTo(ResultGenProof.RESULT_GEN_PROOF_INTERNAL_ERROR);
      assertThat(third.errorDetail()).hasValueSatisfying(m -> assertThat(m).contains("queue is full"));
      t.client.cancel(first);
      t.client.cancel(second);
    }
  }

  @Test
  void twoProofsRunAtOnceWithConcurrencyTwo() throws Exception {
    ServiceConfig cfg = TestService.config().withScheduler(SchedulerConfig.defaults().withConcurrency(2));
    try (TestService t = TestService.start(dir, cfg)) {
      String a = t.client.genProof(ProverServiceTest.SLOW).response().getId();
      String b = t.client.genProof(ProverServiceTest.SLOW).response().getId();
      await().atMost(Duration.ofSeconds(20)).until(() -> t.client.status().getPendingRequestQueueIdsCount() == 0
          && !t.client.status().getCurrentComputingRequestId().isEmpty());
      assertThat(t.client.getProof(a, 0, Duration.ZERO).getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_PENDING);
      assertThat(t.client.getProof(b, 0, Duration.ZERO).getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_PENDING);
      t.client.cancel(a);
      t.client.cancel(b);
    }
  }

  @Test
  void bootingUntilTheGuestIsSetUpAndRequestsQueueMeanwhile() throws Exception {
    Files.createDirectories(dir);
    ServiceConfig cfg = TestService.config();
    try (RequestStore store = RequestStore.openH2(dir);
        var backend = TestService.backend(cfg);
        ProofScheduler s = new ProofScheduler(store, backend, new InputValidator(InputLimits.defaults()),
            cfg.scheduler(), new MutableClock(0), new SimpleMeterRegistry())) {
      assertThat(s.status().phase()).isEqualTo(ServerState.Phase.BOOTING);
      String id = s.submit(TestInputs.request(1, 1));
      assertThat(s.status().pending()).containsExactly(id);
      s.start();
      s.ready().get();
      s.whenSettled(id).get();
      assertThat(s.status().phase()).isEqualTo(ServerState.Phase.IDLE);
      s.close();
      assertThat(s.status().phase()).isEqualTo(ServerState.Phase.HALT);
      assertThatThrownBy(() -> s.submit(TestInputs.request(1, 1))).hasMessageContaining("shutting down");
    }
  }

  @Test
  void statusAndThePendingPollTouchNeitherTheLockNorTheDatabase() throws Exception {
    Files.createDirectories(dir);
    ServiceConfig cfg = TestService.config();
    RequestStore store = RequestStore.openH2(dir);
    try (var backend = TestService.backend(cfg);
        ProofScheduler s = new ProofScheduler(store, backend, new InputValidator(InputLimits.defaults()),
            cfg.scheduler(), new MutableClock(0), new SimpleMeterRegistry())) {
      String id = s.submit(TestInputs.request(1, 1)); // queued while booting: not started, never runs
      store.close();
      // With the database gone, a pending id and GetStatus are still answered (from memory) ...
      assertThat(s.lookup(id)).isInstanceOf(Lookup.Pending.class);
      assertThat(s.status().pending()).containsExactly(id);
      // ... while anything that needs the database fails, so the test would notice a read.
      assertThatThrownBy(() -> s.lookup("00000000-0000-0000-0000-000000000000"))
          .isInstanceOf(StoreException.class);
    }
  }
}

package dev.zisk4j.proverservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proverservice.store.RequestStore;
import dev.zisk4j.proverservice.store.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole service over a real PostgreSQL store: proofs survive a restart, unfinished ones run again. */
class PostgresServiceTest {
  @TempDir Path dir;

  @Test
  void aRestartOnPostgresqlKeepsFinishedProofsAndRequeuesTheRest() throws Exception {
    try (TestPostgres pg = TestPostgres.start()) {
      String url = pg.newDatabase();
      try (TestService t = TestService.start(dir, TestService.config(), () -> RequestStore.open(url, null, null))) {
        assertThat(t.store.location()).startsWith("jdbc:postgresql://");
        InputProver quick = TestInputs.request(1, 2);
        String done = t.client.genProof(quick).response().getId();
        GetProofResponse before = t.client.getProof(done, 10, Duration.ofSeconds(60));
        assertThat(before.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
        String running = t.client.genProof(TestInputs.request(1, 20)).response().getId();
        String queued = t.client.genProof(quick).response().getId();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> t.client.status().getCurrentComputingRequestId().equals(running));
        t.restart();
        assertThat(t.client.getProof(done, 0, Duration.ZERO)).isEqualTo(before);
        assertThat(t.client.getProof(running, 60, Duration.ofSeconds(90)).getResult())
            .isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
        assertThat(t.client.getProof(queued, 60, Duration.ofSeconds(90)).getResult())
            .isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
      }
    }
  }
}

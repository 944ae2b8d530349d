package dev.zisk4j.proverservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.proto.zkprover.v1.GenProofResponse.ResultGenProof;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proverservice.input.InputHash;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end over gRPC with real proofs of the fold4 test guest. */
class ProverServiceTest {
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
    long t0 = System.nanoTime();
    var gen = t.client.genProof(TestInputs.claiming(in, root));
    assertThat(gen.response().getResult()).isEqualTo(ResultGenProof.RESULT_GEN_PROOF_OK);
    GetProofResponse r = t.client.getProof(gen.response().getId(), 5, Duration.ofSeconds(60));
    System.out.println("proof in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertThat(r.getResult()).as(r.getResultString()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    assertThat(r.getId()).isEqualTo(gen.response().getId());
    assertThat(r.getProof().getStark().getBundle().size()).isGreaterThan(1000);
    assertThat(r.getPublic().getPublicInputs().getNewStateRoot()).isEqualTo(root);
    assertThat(r.getPublic().getInputHash()).isEqualTo(InputHash.of(r.getPublic().getPublicInputs()));

    var gen2 = t.client.genProof(in);
    GetProofResponse r2 = t.client.getProof(gen2.response().getId(), 5, Duration.ofSeconds(60));
    assertThat(r2.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
    assertThat(r2.getPublic().getPublicInputs().getNewStateRoot()).isEqualTo(root);
  }
}

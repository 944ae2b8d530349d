package dev.zisk4j.proverservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proverservice.client.ZkProverClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as a real JVM, killed with SIGKILL in the middle of a proof and started again on the
 * same H2 database: the finished proof is served unchanged, the interrupted and the queued requests
 * run again (in FIFO order) and complete.
 */
class KillNineTest {
  @TempDir Path dir;

  /** A started service process and its port. */
  record Child(Process process, int port) {}

  Child startChild(String name) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ServiceProcessMain.class.getName(), dir.resolve("data").toString()))
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("port ")) {
        return new Child(p, Integer.parseInt(line.substring(5).trim()));
      }
    }
    throw new IllegalStateException("the service process ended before it was ready (exit "
        + p.waitFor(10, TimeUnit.SECONDS) + "); see " + dir.resolve(name + ".err"));
  }

  static ZkProverClient client(Child c) {
    return new ZkProverClient("127.0.0.1:" + c.port(), 64 << 20, Duration.ofSeconds(30));
  }

  @Test
  void killNineDuringAProofLosesNothing() throws Exception {
    InputProver quick = TestInputs.request(1, 2);
    Child first = startChild("first");
    String done;
    String running;
    String queued;
    GetProofResponse before;
    try (ZkProverClient c = client(first)) {
      done = c.genProof(quick).response().getId();
      before = c.getProof(done, 30, Duration.ofSeconds(60));
      assertThat(before.getResult()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
      running = c.genProof(TestInputs.request(1, 20)).response().getId();
      queued = c.genProof(TestInputs.request(2, 3)).response().getId();
      await().atMost(Duration.ofSeconds(30)).until(() -> c.status().getCurrentComputingRequestId().equals(running));
    } finally {
      first.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful close
    }
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process().exitValue()).isEqualTo(137);

    Child second = startChild("second");
    try (ZkProverClient c = client(second)) {
      assertThat(c.getProof(done, 0, Duration.ZERO)).isEqualTo(before);
      assertThat(c.status().getLastComputedRequestId()).isEqualTo(done);
      // FIFO kept: the interrupted proof runs again first, the queued one waits behind it.
      await().atMost(Duration.ofSeconds(30)).until(() -> c.status().getCurrentComputingRequestId().equals(running));
      assertThat(c.status().getPendingRequestQueueIdsList()).containsExactly(queued);
      GetProofResponse redone = c.getProof(running, 120, Duration.ofSeconds(150));
      assertThat(redone.getResult()).as(redone.getResultString()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
      assertThat(redone.getPublic().getPublicInputs().getNewStateRoot())
          .isEqualTo(TestInputs.fold4Root(TestInputs.request(1, 20)));
      GetProofResponse next = c.getProof(queued, 120, Duration.ofSeconds(150));
      assertThat(next.getResult()).as(next.getResultString()).isEqualTo(ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK);
      assertThat(c.status().getLastComputedRequestId()).isEqualTo(queued);
    } finally {
      second.process().destroy();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}

package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobEvent;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.Proof;
import dev.zisk4j.proto.coordinator.v1.ProveRequest;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.WatchJobRequest;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Real jobs through real workers over loopback gRPC; the bundle is checked by the engine verifier. */
class DistributedProvingTest {
  static final long[] WORDS = new Random(7).longs(24, 0, 1L << 32).toArray();

  static String register(ClusterFixture c, ProgramImage image) {
    return c.client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
        .setZiskElf(ByteString.copyFrom(image.encode())).build()).getHashId();
  }

  static String prove(ClusterFixture c, String hash, byte[] input) {
    return c.client.jobRequest(JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder().setProve(
        ProveRequest.newBuilder().setHashId(hash).setInput(InputKind.newBuilder()
            .setInline(InputChunk.newBuilder().setData(ByteString.copyFrom(input)))))).build()).getJobId();
  }

  static WaitJobResultResponse await(ClusterFixture c, String jobId) {
    for (int i = 0; i < 20; i++) {
      WaitJobResultResponse r = c.client.waitJobResult(WaitJobResultRequest.newBuilder().setJobId(jobId)
          .setTimeoutSeconds(30).build());
      if (r.getJobStatus().hasCompleted() || r.getJobStatus().hasFailed() || r.getJobStatus().hasCancelled()) {
        return r;
      }
    }
    throw new AssertionError("job " + jobId + " did not finish");
  }

  private void proveThrough(int workerCount) throws Exception {
    ProgramImage sort = Guests.image("sort");
    byte[] input = Guests.record(WORDS);
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config());
        Workers engine = Workers.of(1)) {
      for (int i = 0; i < workerCount; i++) {
        c.addWorker("w" + i, 1);
      }
      String hash = register(c, sort);
      String job = prove(c, hash, input);
      WaitJobResultResponse r = await(c, job);
      assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
      Proof proof = r.getResult().getProve().getProof();
      byte[] bundle = proof.getData().toByteArray();
      assertThat(new BundleVerifier(engine).verify(sort, bundle, ExpectedInput.of(input), VerifyPolicy.ANY_SUPPORTED)
          .accepted()).isTrue();
      // the same bytes as the single-process prover (the engine is deterministic)
      byte[] embedded = new ZkVm(engine).prove(sort, input, Guests.OPTIONS, ProgressListener.NONE).bundle();
      assertThat(bundle).isEqualTo(embedded);
      long[] sorted = WORDS.clone();
      java.util.Arrays.sort(sorted);
      java.nio.ByteBuffer out = proof.getPublicInputs().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
      List<Long> outputs = new ArrayList<>();
      while (out.hasRemaining()) {
        outputs.add(out.getLong());
      }
      assertThat(outputs).containsSubsequence(java.util.Arrays.stream(sorted).boxed().toList());

      var status = c.admin.jobStatus(JobStatusRequest.newBuilder().setJobId(job).build()).getJob();
      assertThat(status.getState()).isEqualTo("COMPLETED");
      assertThat(status.getSegments()).isGreaterThan(1);
      assertThat(status.getSegmentsProved()).isEqualTo(status.getSegments());
      assertThat(status.getAssignedWorkersCount()).isEqualTo(workerCount);

      // WatchJob replays every event from the start, ending with Completed
      List<JobEvent> events = new ArrayList<>();
      c.client.watchJob(WatchJobRequest.newBuilder().setJobId(job).build()).forEachRemaining(events::add);
      assertThat(events).extracting(e -> e.getEventCase().name())
          .containsExactly("QUEUED", "STARTED", "PROGRESS", "PROGRESS", "PROGRESS", "COMPLETED");
    }
  }

  @Test
  void aJobProvenThroughOneWorkerVerifies() throws Exception {
    proveThrough(1);
  }

  @Test
  void aJobProvenThroughTwoWorkersVerifies() throws Exception {
    proveThrough(2);
  }

  /** The cluster has no Poseidon instance tasks yet: a POSEIDON program's prove job fails naming what is missing. */
  @Test
  void aPoseidonProgramIsRefusedNamingTheMissingInstanceTasks() throws Exception {
    ProgramImage chain = Guests.image("poseidon-chain");
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config())) {
      c.addWorker("w0", 1);
      WaitJobResultResponse r = await(c, prove(c, register(c, chain), Guests.record(3)));
      assertThat(r.getJobStatus().hasFailed()).as(r.toString()).isTrue();
      assertThat(r.getJobStatus().getFailed().getFailure().getExecution().getReason())
          .contains("POSEIDON").contains("Poseidon instance tasks").contains("PoseidonInstanceProver");
    }
  }
}

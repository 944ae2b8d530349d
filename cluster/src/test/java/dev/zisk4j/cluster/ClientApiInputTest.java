package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerifier;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.proto.coordinator.v1.ApiError;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.InputKind;
import dev.zisk4j.proto.coordinator.v1.JobEvent;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.ProveRequest;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import dev.zisk4j.proto.coordinator.v1.SetupRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultResponse;
import dev.zisk4j.proto.coordinator.v1.WatchJobRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client API's pushed input ({@code grpc://push} + PushJobInput), deadlines and Setup jobs, on a
 * real coordinator and worker over loopback gRPC.
 */
class ClientApiInputTest {
  static ClusterFixture c;
  static ProgramImage sort;
  static String hash;
  static final long[] WORDS = {9, 3, 7, 1, 8, 2};

  @BeforeAll
  static void up() throws Exception {
    c = new ClusterFixture(ClusterFixture.config());
    c.addWorker("w0", 1);
    sort = Guests.image("sort");
    hash = DistributedProvingTest.register(c, sort);
  }

  @AfterAll
  static void down() throws Exception {
    c.close();
  }

  static String pushJob(Timestamp deadline) {
    ProveRequest.Builder p = ProveRequest.newBuilder().setHashId(hash)
        .setInput(InputKind.newBuilder().setStreamUri("grpc://push"));
    if (deadline != null) {
      p.setProofTimeout(deadline);
    }
    return c.client.jobRequest(JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder().setProve(p)).build())
        .getJobId();
  }

  /** Pushes {@code chunks} as one call and returns how the coordinator answered it. */
  static CompletableFuture<Empty> push(String jobId, byte[]... chunks) {
    CompletableFuture<Empty> answer = new CompletableFuture<>();
    StreamObserver<PushJobInputRequest> req = ZiskCoordinatorApiGrpc.newStub(c.channel).pushJobInput(
        new StreamObserver<>() {
          @Override
          public void onNext(Empty v) {
            answer.complete(v);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    for (byte[] ch : chunks) {
      req.onNext(PushJobInputRequest.newBuilder().setJobId(jobId)
          .setChunk(InputChunk.newBuilder().setData(ByteString.copyFrom(ch))).build());
    }
    req.onCompleted();
    return answer;
  }

  static StatusRuntimeException refusal(CompletableFuture<Empty> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(StatusRuntimeException.class);
    return (StatusRuntimeException) e.getCause();
  }

  static int apiCode(StatusRuntimeException e) throws Exception {
    com.google.rpc.Status s = StatusProto.fromThrowable(e);
    return s == null || s.getDetailsCount() == 0 ? 0 : s.getDetails(0).unpack(ApiError.class).getCode();
  }

  static WaitJobResultResponse terminal(String jobId) {
    return DistributedProvingTest.await(c, jobId);
  }

  @Test
  void aPushedInputIsProvenAndTheBundleVerifies() throws Exception {
    byte[] input = Guests.record(WORDS);
    String job = pushJob(null);
    WaitJobResultResponse waiting = c.client.waitJobResult(WaitJobResultRequest.newBuilder().setJobId(job)
        .setTimeoutSeconds(1).build());
    assertThat(waiting.getJobStatus().hasWaitingForInput()).as(waiting.toString()).isTrue();
    // three chunks, each a multiple of 8 bytes, cut inside the record
    push(job, Arrays.copyOfRange(input, 0, 8), Arrays.copyOfRange(input, 8, 24), Arrays.copyOfRange(input, 24,
        input.length)).get(20, TimeUnit.SECONDS);
    WaitJobResultResponse r = terminal(job);
    assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
    byte[] bundle = r.getResult().getProve().getProof().getData().toByteArray();
    try (Workers engine = Workers.of(1)) {
      assertThat(new BundleVerifier(engine).verify(sort, bundle, ExpectedInput.of(input), VerifyPolicy.ANY_SUPPORTED)
          .accepted()).isTrue();
    }
    List<JobEvent.EventCase> events = new ArrayList<>();
    c.client.watchJob(WatchJobRequest.newBuilder().setJobId(job).build()).forEachRemaining(e -> events.add(e.getEventCase()));
    assertThat(events).startsWith(JobEvent.EventCase.QUEUED, JobEvent.EventCase.WAITING_FOR_INPUT,
        JobEvent.EventCase.STARTED).endsWith(JobEvent.EventCase.COMPLETED);
    // one push per job
    StatusRuntimeException again = refusal(push(job, Guests.record(1)));
    assertThat(apiCode(again)).isEqualTo(1004);
  }

  @Test
  void anUnalignedChunkIsRefusedNamingItsOffsetAndFailsTheJob() throws Exception {
    String job = pushJob(null);
    byte[] input = Guests.record(WORDS);
    StatusRuntimeException e = refusal(push(job, Arrays.copyOfRange(input, 0, 12), Arrays.copyOfRange(input, 12,
        input.length)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).contains("unaligned chunk at offset 0").contains("12 bytes");
    WaitJobResultResponse r = terminal(job);
    assertThat(r.getJobStatus().getFailed().getFailure().getInput().getReason()).contains("offset 0");
  }

  @Test
  void aTruncatedRecordIsRefusedByTheStrictReader() throws Exception {
    String job = pushJob(null);
    byte[] whole = Guests.record(WORDS);
    StatusRuntimeException e = refusal(push(job, Guests.record(1, 2), Arrays.copyOf(whole, 24)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).contains("truncated record payload").contains("offset=24");
    assertThat(terminal(job).getJobStatus().getFailed().getFailure().hasInput()).isTrue();
  }

  @Test
  void nonZeroPaddingIsRefusedNamingTheByte() throws Exception {
    String job = pushJob(null);
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).put(new byte[] {1, 2, 3, 0, 9});
    StatusRuntimeException e = refusal(push(job, b.array()));
    assertThat(e.getStatus().getDescription()).contains("non-zero record padding").contains("offset=12");
    assertThat(terminal(job).getJobStatus().hasFailed()).isTrue();
  }

  @Test
  void aRaggedLastChunkIsATruncatedInputNotAnAlignmentError() throws Exception {
    String job = pushJob(null);
    byte[] input = Guests.record(WORDS);
    StatusRuntimeException e = refusal(push(job, Arrays.copyOf(input, input.length - 3)));
    assertThat(e.getStatus().getDescription()).contains("truncated").contains("offset=");
    assertThat(terminal(job).getJobStatus().hasFailed()).isTrue();
  }

  @Test
  void pushesThatBelongToNoPushJobAreRefused() throws Exception {
    StatusRuntimeException unknown = refusal(push("no-such-job", Guests.record(1)));
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(apiCode(unknown)).isEqualTo(1001);
    String inline = DistributedProvingTest.prove(c, hash, Guests.record(WORDS));
    StatusRuntimeException notPush = refusal(push(inline, Guests.record(1)));
    assertThat(apiCode(notPush)).isEqualTo(1004);
    assertThat(terminal(inline).getJobStatus().hasCompleted()).isTrue();
    // a chunk over 4 MiB
    String job = pushJob(null);
    StatusRuntimeException big = refusal(push(job, new byte[(4 << 20) + 8]));
    assertThat(big.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    // a unix stream the coordinator cannot reach
    StatusRuntimeException unix = assertThrows(StatusRuntimeException.class, () -> c.client.jobRequest(
        JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder().setProve(ProveRequest.newBuilder()
            .setHashId(hash).setInput(InputKind.newBuilder().setStreamUri("unix:///tmp/in.sock")))).build()));
    assertThat(unix.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(c.admin.healthCheck(Empty.getDefaultInstance()).getStatus()).isEqualTo("SERVING");
  }

  @Test
  void aDeadlineFailsTheJobWithTimeoutAndItsLimit() throws Exception {
    Instant at = Instant.now().plusMillis(800);
    String job = pushJob(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build());
    WaitJobResultResponse r = terminal(job);
    var timeout = r.getJobStatus().getFailed().getFailure().getTimeout();
    assertThat(r.getJobStatus().getFailed().getFailure().hasTimeout()).as(r.toString()).isTrue();
    assertThat(timeout.getLimit().getSeconds() * 1000 + timeout.getLimit().getNanos() / 1_000_000)
        .isBetween(500L, 800L);
    // the late push is refused: the job no longer waits
    assertThat(apiCode(refusal(push(job, Guests.record(WORDS))))).isEqualTo(1004);
    // a deadline already past fails the job at once
    String late = pushJob(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() - 60).build());
    assertThat(terminal(late).getJobStatus().getFailed().getFailure().hasTimeout()).isTrue();
    StatusRuntimeException bad = assertThrows(StatusRuntimeException.class,
        () -> pushJob(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE).build()));
    assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void waitJobResultHoldsWithinItsClamp() {
    String job = pushJob(null);
    long t0 = System.nanoTime();
    WaitJobResultResponse r = c.client.waitJobResult(WaitJobResultRequest.newBuilder().setJobId(job)
        .setTimeoutSeconds(0).build());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.getJobStatus().hasWaitingForInput()).isTrue();
    assertThat(ms).as("timeout_seconds 0 is clamped to 1 s").isBetween(900L, 5000L);
    c.client.cancelJob(dev.zisk4j.proto.coordinator.v1.CancelJobRequest.newBuilder().setJobId(job).build());
    assertThat(terminal(job).getJobStatus().hasCancelled()).isTrue();
  }

  @Test
  void aSetupJobReturnsTheVerifyingKey() throws Exception {
    String job = c.client.jobRequest(JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder()
        .setSetup(SetupRequest.newBuilder().setHashId(hash).setProgramName("sort"))).build()).getJobId();
    WaitJobResultResponse r = terminal(job);
    assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
    byte[] vk = r.getResult().getSetup().getVk().toByteArray();
    assertThat(vk).hasSize(72);
    try (Workers engine = Workers.of(1)) {
      var config = Guests.OPTIONS.config(sort);
      byte[] root = new SegmentProver(sort, config, Guests.OPTIONS.inputMode(), engine).verifyingKey().preRoot();
      assertThat(Arrays.copyOfRange(vk, 0, 8)).isEqualTo(config.encode());
      assertThat(Arrays.copyOfRange(vk, 8, 40)).isEqualTo(sort.imageId());
      assertThat(Arrays.copyOfRange(vk, 40, 72)).isEqualTo(root);
    }
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> c.client.jobRequest(
        JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder().setSetup(SetupRequest.newBuilder()
            .setHashId("00".repeat(32)))).build()));
    assertThat(apiCode(e)).isEqualTo(1002);
  }
}

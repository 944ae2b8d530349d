package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.distributed.v1.ComputeCapacity;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage.MessageCase;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskRequest;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskResponse;
import dev.zisk4j.proto.distributed.v1.HeartbeatAck;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ProverRegisterRequest;
import dev.zisk4j.proto.distributed.v1.SegmentCommitment;
import dev.zisk4j.proto.distributed.v1.SegmentProof;
import dev.zisk4j.proto.distributed.v1.TaskType;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Malformed and hostile prover streams get their documented status; the coordinator stays healthy. */
class ProtocolTest {
  private static ProverMessage register(String id, int units) {
    ProverRegisterRequest.Builder r = ProverRegisterRequest.newBuilder()
        .setComputeCapacity(ComputeCapacity.newBuilder().setComputeUnits(units));
    if (id != null) {
      r.setProverId(id);
    }
    return ProverMessage.newBuilder().setRegister(r).build();
  }

  private static Status endStatus(RawProver p) throws Exception {
    Throwable t = p.ended.get(10, TimeUnit.SECONDS);
    return t == null ? Status.OK : Status.fromThrowable(t);
  }

  private static ExecuteTaskResponse.Builder answer(ExecuteTaskRequest t, String prover) {
    return ExecuteTaskResponse.newBuilder().setJobId(t.getJobId()).setProverId(prover).setTaskType(t.getTaskType())
        .setSegmentIndex(t.getSegmentIndex()).setAttempt(t.getAttempt()).setEpoch(t.getEpoch());
  }

  @Test
  void malformedStreamsAreRefused() throws Exception {
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config().withMaxTotalWorkers(2))) {
      RawProver first = new RawProver(c.channel, null);
      first.send(ProverMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder().setSeq(1)).build());
      Status s = endStatus(first);
      assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(s.getDescription()).contains("first ProverStream message must be register");

      RawProver empty = new RawProver(c.channel, null);
      empty.send(ProverMessage.getDefaultInstance());
      assertThat(endStatus(empty).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

      RawProver zero = new RawProver(c.channel, null);
      zero.send(register("z", 0));
      assertThat(endStatus(zero).getDescription()).contains("compute_units must be at least 1");

      RawProver p = new RawProver(c.channel, null);
      p.send(register(null, 1));
      var resp = p.next(MessageCase.REGISTER_RESPONSE).getRegisterResponse();
      assertThat(resp.getAccepted()).isTrue();
      assertThat(resp.getProverId()).isNotEmpty();
      assertThat(resp.getHeartbeatIntervalMs()).isEqualTo(500);
      p.next(MessageCase.HEARTBEAT);

      // results nobody asked for
      p.send(ProverMessage.newBuilder().setExecuteTaskResponse(ExecuteTaskResponse.newBuilder().setJobId("ghost")
          .setSuccess(true)).build());
      var ack = p.next(MessageCase.TASK_RESULT_ACK).getTaskResultAck();
      assertThat(ack.getAccepted()).isFalse();
      assertThat(ack.getReason()).contains("unknown job ghost");

      // a foreign prover_id on the stream
      p.send(ProverMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder().setProverId("someone-else")).build());
      assertThat(endStatus(p).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

      // register twice on one stream
      RawProver twice = new RawProver(c.channel, null);
      twice.send(register("t", 1));
      twice.next(MessageCase.REGISTER_RESPONSE);
      twice.send(register("t", 1));
      assertThat(endStatus(twice).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);

      // too many workers
      RawProver a = new RawProver(c.channel, null);
      a.send(register("a", 1));
      a.next(MessageCase.REGISTER_RESPONSE);
      RawProver b = new RawProver(c.channel, null);
      b.send(register("b", 1));
      b.next(MessageCase.REGISTER_RESPONSE);
      RawProver third = new RawProver(c.channel, null);
      third.send(register("c", 1));
      assertThat(endStatus(third).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

      assertThat(workerStream(c).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(c.admin.healthCheck(Empty.getDefaultInstance()).getStatus()).isEqualTo("SERVING");
    }
  }

  /** Released ZisK's WorkerStream, called by name with raw bytes. */
  private static Status workerStream(ClusterFixture c) throws Exception {
    MethodDescriptor.Marshaller<InputStream> raw = new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(InputStream v) {
        return v;
      }

      @Override
      public InputStream parse(InputStream s) {
        return s;
      }
    };
    MethodDescriptor<InputStream, InputStream> m = MethodDescriptor.<InputStream, InputStream>newBuilder()
        .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
        .setFullMethodName(ZiskDistributedApiGrpc.SERVICE_NAME + "/WorkerStream").setRequestMarshaller(raw)
        .setResponseMarshaller(raw).build();
    CompletableFuture<Status> done = new CompletableFuture<>();
    ClientCall<InputStream, InputStream> call = c.channel.newCall(m, CallOptions.DEFAULT);
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        done.complete(status);
      }
    }, new Metadata());
    call.request(1);
    call.sendMessage(new ByteArrayInputStream(new byte[] {0x1a, 0}));
    call.halfClose();
    Status s = done.get(10, TimeUnit.SECONDS);
    assertThat(s.getDescription()).contains("ProverStream");
    return s;
  }

  @Test
  void corruptResultsAndLostProversAreRetriedElsewhere() throws Exception {
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config())) {
      String hash = c.client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
          .setZiskElf(ByteString.copyFrom(Guests.image("sort").encode())).build()).getHashId();
      // a liar with many slots: garbage commitments and proofs, so it gets tasks first
      RawProver liar = new RawProver(c.channel, (self, m) -> {
        if (m.getMessageCase() == MessageCase.HEARTBEAT) {
          self.send(ProverMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder().setProverId("liar")
              .setSeq(m.getHeartbeat().getSeq())).build());
        }
        if (m.getMessageCase() == MessageCase.EXECUTE_TASK) {
          ExecuteTaskRequest t = m.getExecuteTask();
          var a = answer(t, "liar").setSuccess(true);
          if (t.getTaskType() == TaskType.PARTIAL_CONTRIBUTION) {
            a.setContribution(SegmentCommitment.newBuilder().setSegPublic(ByteString.copyFrom(new byte[192])));
          } else {
            a.setProof(SegmentProof.newBuilder().setProof(ByteString.copyFromUtf8("JZKS not really")));
          }
          self.send(ProverMessage.newBuilder().setExecuteTaskResponse(a).build());
        }
      });
      liar.send(register("liar", 8));
      liar.next(MessageCase.REGISTER_RESPONSE);
      // a prover that takes one task and vanishes
      RawProver quitter = new RawProver(c.channel, (self, m) -> {
        if (m.getMessageCase() == MessageCase.EXECUTE_TASK) {
          self.out.onError(Status.CANCELLED.asRuntimeException());
        }
      });
      quitter.send(register("quitter", 8));
      quitter.next(MessageCase.REGISTER_RESPONSE);
      String job = DistributedProvingTest.prove(c, hash, Guests.record(DistributedProvingTest.WORDS));
      c.addWorker("honest", 1);
      var r = DistributedProvingTest.await(c, job);
      assertThat(r.getJobStatus().hasCompleted()).as(r.toString()).isTrue();
      var st = c.admin.jobStatus(JobStatusRequest.newBuilder().setJobId(job).build()).getJob();
      assertThat(st.getFailedAttempts()).isPositive();
      var liarInfo = c.admin.proversList(dev.zisk4j.proto.distributed.v1.ProversListRequest.getDefaultInstance())
          .getProversList().getProversList().stream().filter(p -> p.getProverId().equals("liar")).findFirst()
          .orElseThrow();
      assertThat(liarInfo.getTasksFailed()).isPositive();
      assertThat(liarInfo.getTasksCompleted()).isZero();
    }
  }

  @Test
  void cancelStopsTheJobAndFreesTheSlotsOnAck() throws Exception {
    try (ClusterFixture c = new ClusterFixture(ClusterFixture.config())) {
      String hash = c.client.registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
          .setZiskElf(ByteString.copyFrom(Guests.image("sort").encode())).build()).getHashId();
      // a prover that sits on its tasks and acks cancellation
      RawProver sitter = new RawProver(c.channel, (self, m) -> {
        if (m.getMessageCase() == MessageCase.JOB_CANCELLED) {
          self.send(ProverMessage.newBuilder().setJobCancelledAck(dev.zisk4j.proto.distributed.v1.JobCancelledAck
              .newBuilder().setJobId(m.getJobCancelled().getJobId())).build());
        }
      });
      sitter.send(register("sitter", 2));
      sitter.next(MessageCase.REGISTER_RESPONSE);
      String job = DistributedProvingTest.prove(c, hash, Guests.record(DistributedProvingTest.WORDS));
      sitter.next(MessageCase.EXECUTE_TASK);
      assertThat(c.client.cancelJob(CancelJobRequest.newBuilder().setJobId(job).build()).getCancelled()).isTrue();
      CoordinatorMessage cancelled = sitter.next(MessageCase.JOB_CANCELLED);
      assertThat(cancelled.getJobCancelled().getJobId()).isEqualTo(job);
      assertThat(c.client.cancelJob(CancelJobRequest.newBuilder().setJobId(job).build()).getCancelled()).isFalse();
      assertThat(DistributedProvingTest.await(c, job).getJobStatus().hasCancelled()).isTrue();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> c.admin.systemStatus(
          Empty.getDefaultInstance()).getStatus().getFreeComputeUnits() == 2);
    }
  }
}

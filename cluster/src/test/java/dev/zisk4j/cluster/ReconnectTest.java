package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.cluster.store.AttemptRecord;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.distributed.v1.ComputeCapacity;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage.MessageCase;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskRequest;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskResponse;
import dev.zisk4j.proto.distributed.v1.HeartbeatAck;
import dev.zisk4j.proto.distributed.v1.ProverInfo;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ProverReconnectRequest;
import dev.zisk4j.proto.distributed.v1.ProverRegisterRequest;
import dev.zisk4j.proto.distributed.v1.ProverRegisterResponse;
import dev.zisk4j.proto.distributed.v1.ReconnectionAction;
import dev.zisk4j.proto.distributed.v1.TaskRef;
import dev.zisk4j.proto.distributed.v1.TaskResultAck;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Design §10.1 and §4's reconciliation: a prover that reconnects within {@code reconnect_grace} keeps its
 * live attempt (KEEP_COMPUTING, its result then counts, once); after the job ended its task is
 * CANCEL_STALE_JOB; after the grace the attempt is LOST, and if nobody took the task since, adopted back.
 */
class ReconnectTest {
  static final Duration GRACE = Duration.ofSeconds(3);

  static RawProver prover(ClusterFixture c, String id) {
    return new RawProver(c.channel, (self, m) -> {
      if (m.getMessageCase() == MessageCase.HEARTBEAT) {
        self.send(ProverMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder().setProverId(id)
            .setSeq(m.getHeartbeat().getSeq())).build());
      }
    });
  }

  static TaskRef ref(ExecuteTaskRequest t, boolean finished) {
    return TaskRef.newBuilder().setJobId(t.getJobId()).setTaskType(t.getTaskType()).setSegmentIndex(t.getSegmentIndex())
        .setAttempt(t.getAttempt()).setEpoch(t.getEpoch()).setFinished(finished).build();
  }

  static ProverRegisterResponse reconnect(RawProver p, String id, TaskRef... held) throws InterruptedException {
    ProverReconnectRequest.Builder r = ProverReconnectRequest.newBuilder().setProverId(id)
        .setComputeCapacity(ComputeCapacity.newBuilder().setComputeUnits(1));
    for (TaskRef t : held) {
      r.addTasks(t);
    }
    p.send(ProverMessage.newBuilder().setReconnect(r).build());
    return p.next(MessageCase.REGISTER_RESPONSE).getRegisterResponse();
  }

  static ExecuteTaskResponse failure(ExecuteTaskRequest t, String id) {
    return ExecuteTaskResponse.newBuilder().setJobId(t.getJobId()).setProverId(id).setTaskType(t.getTaskType())
        .setSegmentIndex(t.getSegmentIndex()).setAttempt(t.getAttempt()).setEpoch(t.getEpoch()).setSuccess(false)
        .setErrorCode("TEST").setErrorMessage("reported after the reconnect").build();
  }

  static Optional<ProverInfo> info(ClusterFixture c, String id) {
    return BadProofTest.provers(c).stream().filter(p -> p.getProverId().equals(id)).findFirst();
  }

  @Test
  void aReconnectWithinTheGraceKeepsTheAttemptAndAStaleOneIsCancelled() throws Exception {
    CoordinatorConfig cfg = ClusterFixture.config().withFaults(new CoordinatorConfig.Faults(GRACE, 3,
        Duration.ofHours(1)));
    try (ClusterFixture c = new ClusterFixture(cfg)) {
      String hash = DistributedProvingTest.register(c, Guests.image("sort"));
      RawProver first = prover(c, "p");
      first.send(ProverMessage.newBuilder().setRegister(ProverRegisterRequest.newBuilder().setProverId("p")
          .setComputeCapacity(ComputeCapacity.newBuilder().setComputeUnits(1))).build());
      first.next(MessageCase.REGISTER_RESPONSE);
      String job = DistributedProvingTest.prove(c, hash, Guests.record(DistributedProvingTest.WORDS));
      ExecuteTaskRequest task = first.next(MessageCase.EXECUTE_TASK).getExecuteTask();

      // the stream breaks; the prover is DISCONNECTED, its attempt waits
      first.out.onError(Status.UNAVAILABLE.asRuntimeException());
      await().atMost(Duration.ofSeconds(2)).until(() -> info(c, "p").map(ProverInfo::getState)
          .orElse("").equals("DISCONNECTED"));

      RawProver second = prover(c, "p");
      ProverRegisterResponse resp = reconnect(second, "p", ref(task, false));
      assertThat(resp.getAccepted()).isTrue();
      assertThat(resp.getTaskDirectivesList()).singleElement().satisfies(d -> {
        assertThat(d.getAction()).isEqualTo(ReconnectionAction.RECONNECTION_ACTION_KEEP_COMPUTING);
        assertThat(d.getTask().getAttempt()).isEqualTo(task.getAttempt());
      });
      assertThat(info(c, "p").orElseThrow().getRunningTasks()).isEqualTo(1);
      assertThat(info(c, "p").orElseThrow().getState()).isNotEqualTo("DISCONNECTED");

      // its result counts: exactly once
      second.send(ProverMessage.newBuilder().setExecuteTaskResponse(failure(task, "p")).build());
      TaskResultAck ack = second.next(MessageCase.TASK_RESULT_ACK).getTaskResultAck();
      assertThat(ack.getAccepted()).as(ack.getReason()).isTrue();
      // the retry comes to the same prover (the only one)
      ExecuteTaskRequest retry = second.next(MessageCase.EXECUTE_TASK).getExecuteTask();
      assertThat(retry.getAttempt()).isEqualTo(task.getAttempt() + 1);
      second.send(ProverMessage.newBuilder().setExecuteTaskResponse(failure(task, "p")).build());
      assertThat(second.next(MessageCase.TASK_RESULT_ACK).getTaskResultAck().getAccepted()).isFalse();
      assertThat(c.store.get(job).orElseThrow().attempts()).singleElement().satisfies(a -> {
        assertThat(a.outcome()).isEqualTo(AttemptRecord.Outcome.FAILED);
        assertThat(a.error()).contains("TEST");
      });

      // the job is cancelled; a reconnect still holding the retry is told to drop it
      assertThat(c.client.cancelJob(CancelJobRequest.newBuilder().setJobId(job).build()).getCancelled()).isTrue();
      second.out.onError(Status.UNAVAILABLE.asRuntimeException());
      RawProver third = prover(c, "p");
      resp = reconnect(third, "p", ref(retry, false));
      assertThat(resp.getTaskDirectivesList()).singleElement().extracting(d -> d.getAction())
          .isEqualTo(ReconnectionAction.RECONNECTION_ACTION_CANCEL_STALE_JOB);
    }
  }

  @Test
  void afterTheGraceTheAttemptIsLostAndAnUntouchedTaskIsAdoptedBack() throws Exception {
    CoordinatorConfig cfg = ClusterFixture.config().withFaults(new CoordinatorConfig.Faults(Duration.ofMillis(500), 3,
        Duration.ofHours(1)));
    try (ClusterFixture c = new ClusterFixture(cfg)) {
      String hash = DistributedProvingTest.register(c, Guests.image("sort"));
      RawProver first = prover(c, "q");
      first.send(ProverMessage.newBuilder().setRegister(ProverRegisterRequest.newBuilder().setProverId("q")
          .setComputeCapacity(ComputeCapacity.newBuilder().setComputeUnits(1))).build());
      first.next(MessageCase.REGISTER_RESPONSE);
      String job = DistributedProvingTest.prove(c, hash, Guests.record(DistributedProvingTest.WORDS));
      ExecuteTaskRequest task = first.next(MessageCase.EXECUTE_TASK).getExecuteTask();
      first.out.onError(Status.UNAVAILABLE.asRuntimeException());
      await().atMost(Duration.ofSeconds(5)).until(() -> info(c, "q").isEmpty());
      assertThat(c.store.get(job).orElseThrow().attempts()).singleElement().satisfies(a -> {
        assertThat(a.outcome()).isEqualTo(AttemptRecord.Outcome.LOST);
        assertThat(a.worker()).isEqualTo("q");
      });
      RawProver back = prover(c, "q");
      ProverRegisterResponse resp = reconnect(back, "q", ref(task, false));
      assertThat(resp.getTaskDirectivesList()).singleElement().extracting(d -> d.getAction())
          .isEqualTo(ReconnectionAction.RECONNECTION_ACTION_KEEP_COMPUTING);
      back.send(ProverMessage.newBuilder().setExecuteTaskResponse(failure(task, "q")).build());
      assertThat(back.next(MessageCase.TASK_RESULT_ACK).getTaskResultAck().getAccepted()).isTrue();
      c.client.cancelJob(CancelJobRequest.newBuilder().setJobId(job).build());
    }
  }
}

package dev.zisk4j.cluster.coordinator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import dev.zisk4j.cluster.store.JobKind;
import dev.zisk4j.cluster.store.JobPhase;
import dev.zisk4j.cluster.store.JobRecord;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.proto.coordinator.v1.ExecuteResponse;
import dev.zisk4j.proto.coordinator.v1.ExecutionStats;
import dev.zisk4j.proto.coordinator.v1.JobFailure;
import dev.zisk4j.proto.coordinator.v1.JobFailureCancelled;
import dev.zisk4j.proto.coordinator.v1.JobFailureExecution;
import dev.zisk4j.proto.coordinator.v1.JobFailureInput;
import dev.zisk4j.proto.coordinator.v1.JobFailureInternal;
import dev.zisk4j.proto.coordinator.v1.JobFailureTimeout;
import dev.zisk4j.proto.coordinator.v1.JobKindResponse;
import dev.zisk4j.proto.coordinator.v1.JobStatus;
import dev.zisk4j.proto.coordinator.v1.JobStatusCancelled;
import dev.zisk4j.proto.coordinator.v1.JobStatusCompleted;
import dev.zisk4j.proto.coordinator.v1.JobStatusFailed;
import dev.zisk4j.proto.coordinator.v1.JobStatusQueued;
import dev.zisk4j.proto.coordinator.v1.JobStatusRunning;
import dev.zisk4j.proto.coordinator.v1.JobStatusWaitingForInput;
import dev.zisk4j.proto.coordinator.v1.Proof;
import dev.zisk4j.proto.coordinator.v1.ProofKind;
import dev.zisk4j.proto.coordinator.v1.ProveResponse;
import dev.zisk4j.proto.coordinator.v1.SetupResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/** Job snapshots to client-API messages (spec §3.2). */
final class ApiMapping {
  private ApiMapping() {}

  static dev.zisk4j.proto.coordinator.v1.JobPhase phase(JobPhase p) {
    return switch (p) {
      case CONTRIBUTIONS -> dev.zisk4j.proto.coordinator.v1.JobPhase.JOB_PHASE_CONTRIBUTIONS;
      case PROVE -> dev.zisk4j.proto.coordinator.v1.JobPhase.JOB_PHASE_PROVE;
      case AGGREGATE -> dev.zisk4j.proto.coordinator.v1.JobPhase.JOB_PHASE_AGGREGATE;
      case NONE -> dev.zisk4j.proto.coordinator.v1.JobPhase.JOB_PHASE_UNSPECIFIED;
    };
  }

  /** VerifyingKey on the wire: Config (8 B) ‖ imageId (32 B) ‖ vkRoot (32 B), design §1.3. */
  static byte[] verifyingKey(VmConfig config, byte[] imageId, byte[] vkRoot) {
    return ByteBuffer.allocate(VmConfig.BYTES + imageId.length + vkRoot.length).put(config.encode()).put(imageId)
        .put(vkRoot).array();
  }

  static JobFailure failure(JobRecord.Failure f) {
    JobFailure.Builder b = JobFailure.newBuilder();
    switch (f.kind()) {
      case TIMEOUT -> {
        JobFailureTimeout.Builder t = JobFailureTimeout.newBuilder();
        if (f.phase() != JobPhase.NONE) {
          t.setPhase(phase(f.phase()));
        }
        if (!f.limit().isZero()) {
          t.setLimit(duration(f.limit()));
        }
        b.setTimeout(t);
      }
      case INPUT -> b.setInput(JobFailureInput.newBuilder().setReason(f.reason()));
      case EXECUTION -> b.setExecution(JobFailureExecution.newBuilder().setReason(f.reason()));
      case INTERNAL -> b.setInternal(JobFailureInternal.newBuilder().setTraceId(f.reason()));
      case CANCELLED -> b.setCancelled(JobFailureCancelled.getDefaultInstance());
    }
    return b.build();
  }

  static JobStatus status(JobRecord r) {
    JobStatus.Builder b = JobStatus.newBuilder();
    switch (r.state()) {
      case QUEUED -> b.setQueued(JobStatusQueued.getDefaultInstance());
      case RUNNING -> {
        JobStatusRunning.Builder run = JobStatusRunning.newBuilder();
        if (r.phase() != JobPhase.NONE) {
          run.setPhase(phase(r.phase()));
        }
        b.setRunning(run);
      }
      case WAITING_FOR_INPUT -> b.setWaitingForInput(JobStatusWaitingForInput.getDefaultInstance());
      case COMPLETED -> b.setCompleted(JobStatusCompleted.getDefaultInstance());
      case FAILED -> b.setFailed(JobStatusFailed.newBuilder().setFailure(failure(r.failure().orElseThrow())));
      case CANCELLED -> b.setCancelled(JobStatusCancelled.getDefaultInstance());
    }
    return b.build();
  }

  static ByteString words(long[] w) {
    ByteBuffer b = ByteBuffer.allocate(w.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long x : w) {
      b.putLong(x);
    }
    return ByteString.copyFrom(b.array());
  }

  /** The result of a completed job. */
  static JobKindResponse result(JobRecord r, byte[] vk) {
    Instant start = r.startedAt().orElse(r.createdAt());
    Instant end = r.finishedAt().orElse(Instant.now());
    long nanos = java.time.Duration.between(start, end).toNanos();
    ExecutionStats stats = ExecutionStats.newBuilder().setSteps(r.steps()).setDurationNanos(nanos).build();
    ByteString outputs = words(r.outputs().orElse(new long[0]));
    if (r.kind() == JobKind.SETUP) {
      return JobKindResponse.newBuilder().setSetup(SetupResponse.newBuilder()
          .setVk(vk == null ? ByteString.EMPTY : ByteString.copyFrom(vk))).build();
    }
    if (r.kind() == JobKind.EXECUTE) {
      return JobKindResponse.newBuilder().setExecute(ExecuteResponse.newBuilder().setStats(stats)
          .setPublicOutputs(outputs)).build();
    }
    Proof p = Proof.newBuilder().setProofId(r.jobId()).setHashId(r.hashId())
        .setVerificationKey(vk == null ? ByteString.EMPTY : ByteString.copyFrom(vk)).setProofKind(ProofKind.PROOF_KIND_STARK)
        .setData(ByteString.copyFrom(r.result().orElseThrow())).setPublicInputs(outputs)
        .setStartedAt(Dispatcher.ts(start)).setCompletedAt(Dispatcher.ts(end)).build();
    return JobKindResponse.newBuilder().setProve(ProveResponse.newBuilder().setProof(p).setStats(stats)).build();
  }

  static Duration duration(java.time.Duration d) {
    return Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }
}

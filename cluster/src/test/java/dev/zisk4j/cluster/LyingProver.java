package dev.zisk4j.cluster;

import dev.zisk4j.cluster.api.EngineCodec;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.Checkpoint;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.VerifyingKeys;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.proto.distributed.v1.ComputeCapacity;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskRequest;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskResponse;
import dev.zisk4j.proto.distributed.v1.HeartbeatAck;
import dev.zisk4j.proto.distributed.v1.ProverMessage;
import dev.zisk4j.proto.distributed.v1.ProverRegisterRequest;
import dev.zisk4j.proto.distributed.v1.SegmentCommitment;
import io.grpc.ManagedChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A prover that runs the real engine, commits honestly and returns corrupted proofs: each STARK has
 * one byte flipped, so the proof still parses and only verification can catch it (design §10.5).
 */
final class LyingProver implements AutoCloseable {
  final String id;
  final AtomicInteger proofsSent = new AtomicInteger();
  private final RawProver raw;
  private final Workers engine = Workers.of(1);
  private final VerifyingKeys keys = new VerifyingKeys(engine);
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final Map<String, ProgramImage> programs = new ConcurrentHashMap<>();

  LyingProver(ManagedChannel channel, String id) throws InterruptedException {
    this.id = id;
    this.raw = new RawProver(channel, this::on);
    raw.send(ProverMessage.newBuilder().setRegister(ProverRegisterRequest.newBuilder().setProverId(id)
        .setComputeCapacity(ComputeCapacity.newBuilder().setComputeUnits(1))).build());
  }

  private void on(RawProver p, CoordinatorMessage m) {
    switch (m.getMessageCase()) {
      case HEARTBEAT -> p.send(ProverMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder().setProverId(id)
          .setSeq(m.getHeartbeat().getSeq())).build());
      case SETUP_PROGRAM -> {
        try {
          programs.put(m.getSetupProgram().getHashId(), EngineCodec.program(m.getSetupProgram().getElfBytes(), "elf"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      case EXECUTE_TASK -> pool.execute(() -> run(m.getExecuteTask()));
      default -> { }
    }
  }

  private void run(ExecuteTaskRequest req) {
    ExecuteTaskResponse.Builder r = ExecuteTaskResponse.newBuilder().setJobId(req.getJobId()).setProverId(id)
        .setTaskType(req.getTaskType()).setSegmentIndex(req.getSegmentIndex()).setAttempt(req.getAttempt())
        .setEpoch(req.getEpoch()).setSuccess(true);
    try {
      ProgramImage image = programs.get(req.getHashId());
      VmConfig config = EngineCodec.config(req.getEngineConfig(), "engine_config");
      SegmentProver prover = new SegmentProver(image, config, InputMode.PUBLIC, keys);
      switch (req.getTaskType()) {
        case PARTIAL_CONTRIBUTION -> {
          Checkpoint cp = EngineCodec.checkpoint(req.getContributionParams().getCheckpoint(), image.memoryWords(), "cp");
          r.setContribution(SegmentCommitment.newBuilder()
              .setSegPublic(EngineCodec.bytes(prover.contribute(cp).segPublic().encode())));
        }
        case PROVE -> {
          Checkpoint cp = EngineCodec.checkpoint(req.getProveParams().getCheckpoint(), image.memoryWords(), "cp");
          SegmentProof honest = prover.prove(cp, EngineCodec.challenges(req.getProveParams().getGlobalChallenges(), "g"));
          byte[] stark = honest.stark();
          stark[stark.length / 2] ^= 0x40;
          SegmentProof bad = new SegmentProof(honest.config(), honest.segIdx(), honest.memIn(), honest.memOut(), stark);
          r.setProof(dev.zisk4j.proto.distributed.v1.SegmentProof.newBuilder().setProof(EngineCodec.bytes(bad.encode())));
          proofsSent.incrementAndGet();
        }
        default -> r.setSuccess(false).setErrorCode("UNSUPPORTED_TASK");
      }
    } catch (Exception e) {
      r.setSuccess(false).setErrorCode("TASK_FAILED").setErrorMessage(e.toString());
    }
    raw.send(ProverMessage.newBuilder().setExecuteTaskResponse(r).build());
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      raw.out.onCompleted();
    } catch (RuntimeException ignored) {
      // already closed
    }
    engine.close();
  }
}

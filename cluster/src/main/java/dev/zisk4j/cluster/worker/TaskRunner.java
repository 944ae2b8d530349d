package dev.zisk4j.cluster.worker;

import dev.zisk4j.cluster.api.EngineCodec;
import dev.zisk4j.cluster.api.MalformedMessageException;
import dev.zisk4j.cluster.log.LogContext;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.Checkpoint;
import dev.zisk4j.engine.segment.GlobalChallenges;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.SegmentProver;
import dev.zisk4j.engine.segment.VerifyingKeys;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskRequest;
import dev.zisk4j.proto.distributed.v1.ExecuteTaskResponse;
import dev.zisk4j.proto.distributed.v1.SegmentCommitment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one task on the engine's phased API (SegmentProver contribute/prove) and builds the reply.
 * Programs arrive by SetupProgram; provers are cached per program and config. Thread-safe.
 */
final class TaskRunner {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TaskRunner.class);
  private final Map<String, ProgramImage> programs = new ConcurrentHashMap<>();
  private final Map<String, SegmentProver> provers = new ConcurrentHashMap<>();
  private final VerifyingKeys keys;

  TaskRunner(Workers engine) {
    this.keys = new VerifyingKeys(engine);
  }

  void install(String hashId, ProgramImage image) {
    programs.put(hashId, image);
  }

  Optional<ProgramImage> program(String hashId) {
    return Optional.ofNullable(programs.get(hashId));
  }

  java.util.Set<String> cached() {
    return programs.keySet();
  }

  /** Runs the task; a failure becomes an unsuccessful response with an error code, never an exception. */
  ExecuteTaskResponse run(ExecuteTaskRequest req, String proverId) {
    try (LogContext ctx = LogContext.task(req.getJobId(), proverId, req.getTaskType().name(), req.getSegmentIndex(),
        req.getAttempt())) {
      ExecuteTaskResponse r = runTask(req, proverId);
      log.debug("task done in {} ms: {}", r.getDurationMs(), r.getSuccess() ? "success" : r.getErrorCode());
      return r;
    }
  }

  private ExecuteTaskResponse runTask(ExecuteTaskRequest req, String proverId) {
    long t0 = System.nanoTime();
    ExecuteTaskResponse.Builder r = ExecuteTaskResponse.newBuilder().setJobId(req.getJobId()).setProverId(proverId)
        .setTaskType(req.getTaskType()).setSegmentIndex(req.getSegmentIndex()).setAttempt(req.getAttempt())
        .setEpoch(req.getEpoch());
    try {
      ProgramImage image = programs.get(req.getHashId());
      if (image == null) {
        return r.setSuccess(false).setErrorCode("PROGRAM_NOT_FOUND")
            .setErrorMessage("no SetupProgram received for " + req.getHashId()).build();
      }
      VmConfig config = EngineCodec.config(req.getEngineConfig(), "engine_config");
      SegmentProver prover = provers.computeIfAbsent(req.getHashId() + "/" + config,
          k -> new SegmentProver(image, config, InputMode.PUBLIC, keys));
      switch (req.getTaskType()) {
        case PARTIAL_CONTRIBUTION -> {
          if (!req.hasContributionParams()) {
            throw new MalformedMessageException("PARTIAL_CONTRIBUTION without contribution_params");
          }
          Checkpoint cp = checkpoint(req.getContributionParams().getCheckpoint(), image, req);
          var c = prover.contribute(cp);
          r.setContribution(SegmentCommitment.newBuilder().setSegPublic(EngineCodec.bytes(c.segPublic().encode())));
        }
        case PROVE -> {
          if (!req.hasProveParams()) {
            throw new MalformedMessageException("PROVE without prove_params");
          }
          Checkpoint cp = checkpoint(req.getProveParams().getCheckpoint(), image, req);
          GlobalChallenges g = EngineCodec.challenges(req.getProveParams().getGlobalChallenges(),
              "prove_params.global_challenges");
          SegmentProof p = prover.prove(cp, g);
          r.setProof(dev.zisk4j.proto.distributed.v1.SegmentProof.newBuilder().setProof(EngineCodec.bytes(p.encode())));
        }
        case AGGREGATE -> {
          return r.setSuccess(false).setErrorCode("UNSUPPORTED_TASK").setErrorMessage(
              "AGGREGATE runs in the coordinator in v1 (cluster.md §0); worker-side recursion is not built").build();
        }
        default -> throw new MalformedMessageException("unknown task_type " + req.getTaskTypeValue());
      }
      return r.setSuccess(true).setDurationMs((System.nanoTime() - t0) / 1_000_000).build();
    } catch (MalformedMessageException e) {
      return r.setSuccess(false).setErrorCode("INVALID_TASK").setErrorMessage(e.getMessage()).build();
    } catch (RuntimeException e) {
      return r.setSuccess(false).setErrorCode("TASK_FAILED").setErrorMessage(e.getClass().getSimpleName() + ": "
          + e.getMessage()).setDurationMs((System.nanoTime() - t0) / 1_000_000).build();
    }
  }

  private static Checkpoint checkpoint(com.google.protobuf.ByteString b, ProgramImage image, ExecuteTaskRequest req)
      throws MalformedMessageException {
    Checkpoint cp = EngineCodec.checkpoint(b, image.memoryWords(), "checkpoint");
    if (cp.segIdx() != req.getSegmentIndex()) {
      throw new MalformedMessageException("checkpoint is for segment " + cp.segIdx() + ", task names segment "
          + Integer.toUnsignedString(req.getSegmentIndex()));
    }
    return cp;
  }
}

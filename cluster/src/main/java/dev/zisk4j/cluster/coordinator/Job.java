package dev.zisk4j.cluster.coordinator;

import com.google.protobuf.ByteString;
import dev.zisk4j.cluster.store.AttemptRecord;
import dev.zisk4j.cluster.store.JobKind;
import dev.zisk4j.cluster.store.JobPhase;
import dev.zisk4j.cluster.store.JobRecord;
import dev.zisk4j.cluster.store.JobState;
import dev.zisk4j.engine.segment.Aggregator;
import dev.zisk4j.engine.segment.GlobalChallenges;
import dev.zisk4j.engine.segment.Plan;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.SegPublic;
import dev.zisk4j.engine.segment.SegmentProof;
import dev.zisk4j.engine.segment.Statement;
import dev.zisk4j.engine.segment.VmConfig;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.proto.coordinator.v1.JobEvent;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A job's live state (cluster.md §2.3). Owned by the dispatcher thread; the store gets snapshots. */
final class Job {
  final String id;
  final String blockId;
  final JobKind kind;
  final String hashId;
  final ProgramImage image;
  /** Null while a pushed input is still arriving (state WAITING_FOR_INPUT). */
  byte[] input;
  final VmConfig config;
  final InputMode mode;
  /** Max running attempts (0 = no cap). */
  final int computeCapacity;
  final int minimalCapacity;
  /** The client's deadline (stored with the input, re-armed on recovery). */
  Optional<Instant> deadline = Optional.empty();
  /** Who submitted it (cluster.md §5 jobs.owner); "" without authentication. */
  final String owner;
  final Instant createdAt;
  final long createdNanos = System.nanoTime();

  JobState state = JobState.QUEUED;
  JobPhase phase = JobPhase.NONE;
  Instant startedAt;
  Instant finishedAt;
  long phaseStartedNanos;
  Plan plan;
  byte[] vkBytes;
  Aggregator aggregator;
  GlobalChallenges challenges;
  ByteString challengeBytes;
  ByteString[] checkpoints;
  Task[] contributions;
  Task[] proves;
  SegmentProof[] proofs;
  /** The accepted commitment of each segment (each proof is verified against it). */
  SegPublic[] publics;
  /** What the bundle will claim, and the input as the verifier sees it (per-segment verification). */
  Statement statement;
  ExpectedInput expected;
  /** Finished attempts, in order. */
  final List<AttemptRecord> history = new ArrayList<>();
  int committed;
  int proved;
  int failedAttempts;
  final Set<String> workers = new LinkedHashSet<>();
  JobRecord.Failure failure;
  byte[] bundle;
  long[] outputs;
  long steps;
  /** Every event so far, replayed to each new watcher. */
  final List<JobEvent> events = new ArrayList<>();
  final List<StreamObserver<JobEvent>> watchers = new ArrayList<>();
  /** Completes with the terminal snapshot. */
  final CompletableFuture<JobRecord> done = new CompletableFuture<>();

  Job(String id, String blockId, JobKind kind, String hashId, ProgramImage image, byte[] input, VmConfig config,
      InputMode mode, int computeCapacity, int minimalCapacity, String owner) {
    this(id, blockId, kind, hashId, image, input, config, mode, computeCapacity, minimalCapacity, owner, Instant.now());
  }

  /** A job as it was submitted at {@code createdAt} (recovery re-creates jobs with their original time). */
  Job(String id, String blockId, JobKind kind, String hashId, ProgramImage image, byte[] input, VmConfig config,
      InputMode mode, int computeCapacity, int minimalCapacity, String owner, Instant createdAt) {
    this.createdAt = createdAt;
    this.id = id;
    this.blockId = blockId;
    this.kind = kind;
    this.hashId = hashId;
    this.image = image;
    this.input = input;
    this.config = config;
    this.mode = mode;
    this.computeCapacity = computeCapacity;
    this.minimalCapacity = minimalCapacity;
    this.owner = owner;
  }

  int segments() {
    return plan == null ? 0 : plan.segments().size();
  }

  int runningAttempts() {
    int n = 0;
    for (Task[] ts : new Task[][] {contributions, proves}) {
      if (ts != null) {
        for (Task t : ts) {
          n += t.status == Task.Status.RUNNING ? 1 : 0;
        }
      }
    }
    return n;
  }

  /** The task of that type and segment, or null if there is none (yet). */
  Task task(dev.zisk4j.proto.distributed.v1.TaskType type, int segment) {
    Task[] ts = switch (type) {
      case PARTIAL_CONTRIBUTION -> contributions;
      case PROVE -> proves;
      default -> null;
    };
    return ts == null || segment < 0 || segment >= ts.length ? null : ts[segment];
  }

  /** The tasks of the current phase, or none. */
  Task[] current() {
    return switch (phase) {
      case CONTRIBUTIONS -> contributions;
      case PROVE -> proves;
      default -> null;
    };
  }

  JobRecord snapshot() {
    return new JobRecord(id, blockId, kind, hashId, state, phase, createdAt, Optional.ofNullable(startedAt),
        Optional.ofNullable(finishedAt), segments(), proved, failedAttempts, List.copyOf(workers),
        Optional.ofNullable(failure), Optional.ofNullable(bundle), Optional.ofNullable(outputs), steps, history, owner,
        Optional.ofNullable(kind == JobKind.EXECUTE ? null : vkBytes));
  }
}

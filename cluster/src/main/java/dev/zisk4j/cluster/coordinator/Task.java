package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.proto.distributed.v1.TaskType;
import java.util.HashSet;
import java.util.Set;

/** One (job, task type, segment) unit of work and its current attempt. Owned by the dispatcher thread. */
final class Task {
  /** VERIFYING: a proof came back and is checked on the verifier pool; it holds no worker slot. */
  enum Status { WAITING, READY, RUNNING, VERIFYING, DONE }

  final Job job;
  final TaskType type;
  final int segment;
  Status status = Status.WAITING;
  /** The current attempt's number (1-based once dispatched). */
  int attempt;
  /** Failed and lost attempts, which count towards task_max_attempts. */
  int failures;
  String worker;
  final Set<String> failedOn = new HashSet<>();
  String lastError = "";
  /** The prover whose result was accepted (for a contribution: the sticky choice for its PROVE). */
  String doneBy;

  Task(Job job, TaskType type, int segment) {
    this.job = job;
    this.type = type;
    this.segment = segment;
  }

  @Override
  public String toString() {
    return "segment " + segment + " " + type;
  }
}

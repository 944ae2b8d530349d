package dev.zisk4j.cluster.coordinator;

import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One registered prover's stream and slots (cluster.md §2.2). Owned by the dispatcher thread, the
 * only writer of {@link #out}, so writes need no lock.
 */
final class WorkerSession {
  enum State { READY, FULL, DRAINING }

  final String id;
  final ProverConnection connection;
  final int capacity;
  final Instant connectedAt = Instant.now();
  final String remote;
  State draining = State.READY;
  Instant lastHeartbeat = Instant.now();
  long lastSeenNanos = System.nanoTime();
  /** Attempts holding a slot (including those of cancelled jobs until their JobCancelledAck). */
  final Set<Task> running = new LinkedHashSet<>();
  final Set<String> programs = new HashSet<>();
  /** Jobs whose JobCancelled was sent and not yet acked. */
  final Set<String> cancelling = new HashSet<>();
  long completed;
  long failed;
  /** Stream gone; the attempts wait {@code reconnect_grace} from {@link #disconnectedNanos} for a reconnect. */
  boolean disconnected;
  long disconnectedNanos;
  /** Too many bad results: no tasks until the quarantine ends (the dispatcher's registry keeps the deadline). */
  boolean quarantined;

  WorkerSession(String id, ProverConnection connection, int capacity, String remote) {
    this.id = id;
    this.connection = connection;
    this.capacity = capacity;
    this.remote = remote;
  }

  int free() {
    return draining == State.DRAINING || disconnected || quarantined ? 0 : capacity - running.size();
  }

  String state() {
    if (disconnected) {
      return "DISCONNECTED";
    }
    if (quarantined) {
      return "QUARANTINED";
    }
    if (draining == State.DRAINING) {
      return "DRAINING";
    }
    return running.size() >= capacity ? "FULL" : running.isEmpty() ? "IDLE" : "READY";
  }

  void send(CoordinatorMessage m) {
    connection.send(m);
  }

  void close(Status s) {
    connection.close(s);
  }

  StreamObserver<CoordinatorMessage> out() {
    return connection.out();
  }
}

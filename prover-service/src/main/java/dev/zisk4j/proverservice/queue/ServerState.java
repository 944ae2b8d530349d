package dev.zisk4j.proverservice.queue;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot for GetStatus.
 *
 * @param phase BOOTING until the guest's verifying key is ready and the queue recovered; HALT once closing
 * @param current the oldest running request and its start (unix seconds)
 * @param last the request that ended last and when (unix seconds)
 * @param pending queued ids in FIFO order
 */
public record ServerState(Phase phase, Optional<Stamp> current, Optional<Stamp> last, List<String> pending) {
  public enum Phase { BOOTING, COMPUTING, IDLE, HALT }

  /** A request id with a time in unix seconds. */
  public record Stamp(String id, long epochSeconds) {}

  public ServerState {
    pending = List.copyOf(pending);
  }
}

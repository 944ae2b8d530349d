package dev.zisk4j.proverservice.queue;

import dev.zisk4j.proto.zkprover.v1.GetProofResponse;

/** What the service knows of a request id. */
public sealed interface Lookup {
  /** Never submitted, or forgotten after the retention period. */
  record Unknown() implements Lookup {}

  /** Queued or running. */
  record Pending() implements Lookup {}

  /** Ended; {@code response} is the stored final answer. */
  record Final(GetProofResponse response) implements Lookup {}
}

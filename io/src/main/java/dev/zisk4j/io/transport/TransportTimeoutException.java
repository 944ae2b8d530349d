package dev.zisk4j.io.transport;

import java.io.IOException;
import java.time.Duration;

/** A peer did not show up before a deadline (consumer never connected, producer never listened). */
public class TransportTimeoutException extends IOException {
  private static final long serialVersionUID = 1L;

  public TransportTimeoutException(String what, Duration deadline) {
    super(what + ": deadline=" + deadline + " elapsed");
  }
}

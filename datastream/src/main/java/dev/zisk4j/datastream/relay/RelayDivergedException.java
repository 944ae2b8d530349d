package dev.zisk4j.datastream.relay;

import java.io.IOException;

/**
 * The relay's file cannot follow its upstream: it is ahead of it, holds different bytes for the
 * same entry, or the upstream sent an entry out of sequence. The message names both sides' values.
 * Relaying stops; the local file is left as it was (only whole upstream operations were committed).
 */
public final class RelayDivergedException extends IOException {
  public RelayDivergedException(String message) {
    super(message);
  }
}

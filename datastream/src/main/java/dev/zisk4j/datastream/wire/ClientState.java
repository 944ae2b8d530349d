package dev.zisk4j.datastream.wire;

/**
 * The per-connection protocol state of spec §3.3.
 *
 * <p>Stopped accepts every query command and Start; Syncing means catch-up is running; Synced means
 * the client receives live entries and only Stop is allowed. Unlike the reference, a failed Start or
 * StartBookmark returns the connection to Stopped.
 */
public enum ClientState {
  STOPPED,
  SYNCING,
  SYNCED;

  /** True when the connection is streaming entries (Syncing or Synced). */
  public boolean streaming() {
    return this != STOPPED;
  }
}

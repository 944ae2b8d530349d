package dev.zisk4j.datastream.client;

import dev.zisk4j.datastream.file.StreamEntry;

/**
 * Receives streamed entries, in order, on the client's reader thread. Keep it short or hand off:
 * while it runs no further packet is read. An exception thrown here stops the stream (the client
 * sends nothing more for it) and is reported to {@link #onStreamEnded}; the process is never killed.
 */
public interface EntryListener {
  void onEntry(StreamEntry entry);

  /**
   * The stream ended without {@link DataStreamClient#stop()}: the connection broke (and
   * reconnecting is off) or {@link #onEntry} threw. Default: nothing.
   */
  default void onStreamEnded(Throwable cause) {}
}

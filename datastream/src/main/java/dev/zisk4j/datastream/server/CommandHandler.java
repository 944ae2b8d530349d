package dev.zisk4j.datastream.server;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.EntryCursor;
import dev.zisk4j.datastream.file.HeaderEntry;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.wire.ClientState;
import dev.zisk4j.datastream.wire.Command;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.DataResponse;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The per-connection state machine of spec §3.3, with the reference's result codes and bytes, and
 * two deliberate differences: parameters are always consumed (see {@link CommandFrame}) and a
 * failed Start/StartBookmark leaves the connection Stopped, so the stream never desynchronises.
 *
 * <p>Runs on the connection's reader thread only; {@link #state()} and {@link #streamPosition()} may
 * be read from any thread.
 */
final class CommandHandler {
  private final DataStreamServer server;
  private final ClientConnection conn;
  private final DataStream stream;
  private volatile ClientState state = ClientState.STOPPED;
  private volatile EntryStreamer streamer;

  CommandHandler(DataStreamServer server, ClientConnection conn) {
    this.server = server;
    this.conn = conn;
    this.stream = server.stream();
  }

  ClientState state() {
    return state;
  }

  long streamPosition() {
    EntryStreamer s = streamer;
    return s == null ? -1 : s.position();
  }

  void handle(CommandFrame f) throws IOException {
    Command c = f.command();
    if (c == null) {
      conn.sendResult(ResultCode.INVALID_COMMAND);
      return;
    }
    if (c == Command.STOP) {
      stop();
      return;
    }
    if (state != ClientState.STOPPED) {
      conn.sendResult(ResultCode.ALREADY_STARTED);
      return;
    }
    if (f.isMalformed()) {
      // The reference sends nothing and desynchronises; we consumed the bytes and say so.
      conn.sendResult(ResultCode.INVALID_COMMAND);
      return;
    }
    switch (c) {
      case START -> start(f.number());
      case HEADER -> header();
      case ENTRY -> entry(f.number());
      case START_BOOKMARK -> startBookmark(f.bookmark());
      case BOOKMARK -> bookmark(f.bookmark());
      case RANGE_BOOKMARK -> rangeBookmark(f.bookmark(), f.toBookmark());
      case STOP -> throw new AssertionError("handled above");
    }
  }

  private void start(long from) throws IOException {
    // from is u64 on the wire: a negative long is a number beyond any stream.
    if (from < 0 || from > server.startCeiling()) {
      conn.sendResult(ResultCode.BAD_FROM_ENTRY);
      return;
    }
    startStreaming(from);
  }

  private void startBookmark(byte[] bm) throws IOException {
    OptionalLong n = stream.bookmark(bm);
    if (n.isEmpty()) {
      conn.sendResult(ResultCode.BAD_FROM_BOOKMARK);
      return;
    }
    startStreaming(n.getAsLong());
  }

  private void startStreaming(long from) throws IOException {
    state = ClientState.SYNCING;
    conn.sendResult(ResultCode.OK);
    EntryStreamer s = new EntryStreamer(stream, server.notifier(), conn, from, this::caughtUp);
    streamer = s;
    s.start(server.threadFactory(), "ds-stream-" + conn.remote());
  }

  private void caughtUp() {
    if (state == ClientState.SYNCING) {
      state = ClientState.SYNCED;
    }
  }

  private void stop() throws IOException {
    if (!state.streaming()) {
      conn.sendResult(ResultCode.ALREADY_STOPPED);
      return;
    }
    EntryStreamer s = streamer;
    if (s != null) {
      s.stopAndJoin();
      streamer = null;
    }
    state = ClientState.STOPPED;
    conn.sendResult(ResultCode.OK);
  }

  private void header() throws IOException {
    byte[] ok = ResultPacket.of(ResultCode.OK).encode();
    byte[] h = HeaderEntry.toBytes(stream.header());
    conn.sendPacket(concat(ok, h));
  }

  private void entry(long n) throws IOException {
    byte[] reply = DataResponse.notFound();
    if (n >= 0 && n < stream.header().totalEntries()) {
      Optional<StreamEntry> e = readEntry(n);
      if (e.isPresent()) {
        reply = DataResponse.of(e.get());
      }
    }
    conn.sendPacket(concat(ResultPacket.of(ResultCode.OK).encode(), reply));
  }

  private Optional<StreamEntry> readEntry(long n) throws IOException {
    try {
      return Optional.of(stream.entry(n));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Truncated between the check and the read: the entry no longer exists.
      return Optional.empty();
    }
  }

  private void bookmark(byte[] bm) throws IOException {
    Optional<StreamEntry> e = stream.firstEventAfterBookmark(bm);
    byte[] reply = e.map(DataResponse::of).orElseGet(DataResponse::notFound);
    conn.sendPacket(concat(ResultPacket.of(ResultCode.OK).encode(), reply));
  }

  /** Fork extension (spec §9): Result, raw u64 toEntry, then entries from..to inclusive; ends Stopped. */
  private void rangeBookmark(byte[] fromBm, byte[] toBm) throws IOException {
    OptionalLong from = stream.bookmark(fromBm);
    if (from.isEmpty()) {
      conn.sendResult(ResultCode.BAD_FROM_BOOKMARK);
      return;
    }
    OptionalLong to = stream.bookmark(toBm);
    if (to.isEmpty() || to.getAsLong() == 0) {
      conn.sendResult(ResultCode.BAD_TO_BOOKMARK);
      return;
    }
    long f = from.getAsLong();
    long t = to.getAsLong();
    state = ClientState.SYNCING;
    try {
      byte[] ok = ResultPacket.of(ResultCode.OK).encode();
      conn.sendPacket(concat(ok, ByteBuffer.allocate(8).putLong(t).array()));
      long next = stream.header().totalEntries();
      if (f >= next || t >= next) {
        return;
      }
      try (EntryCursor cursor = stream.cursor(f)) {
        for (long i = f; i <= t; i++) {
          StreamEntry e = cursor.next();
          if (e == null) {
            break;
          }
          conn.bufferData(e);
        }
      }
      conn.flush();
    } finally {
      state = ClientState.STOPPED;
    }
  }

  /** Stops the streamer without waiting (connection closing). */
  void stopStreamer() {
    EntryStreamer s = streamer;
    if (s != null) {
      s.requestStop();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}

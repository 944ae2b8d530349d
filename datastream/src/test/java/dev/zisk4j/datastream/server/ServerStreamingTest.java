package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.testing.RawConnection;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import dev.zisk4j.datastream.wire.ServerPacket;
import dev.zisk4j.datastream.wire.ServerPacketReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catch-up to live streaming, slow clients, timeouts, truncation and limits. */
class ServerStreamingTest {
  @TempDir Path dir;
  private StreamFixture fx;
  private DataStreamServer server;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private void startServer(ServerConfig cfg) throws IOException {
    startServer(cfg, System::nanoTime);
  }

  private void startServer(ServerConfig cfg, java.util.function.LongSupplier clock) throws IOException {
    fx = StreamFixture.in(dir);
    server = new DataStreamServer(fx.stream(), cfg.withBindAddress("127.0.0.1").withPort(0), registry, clock, null);
    server.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    if (server != null) {
      server.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  /** Reads DATA packets until {@code until} entries have arrived; checks numbering is dense from {@code from}. */
  private static List<StreamEntry> readEntries(DataInputStream in, long from, long until) throws IOException {
    ServerPacketReader r = new ServerPacketReader(in);
    List<StreamEntry> got = new ArrayList<>();
    long expected = from;
    while (expected < until) {
      ServerPacket p = r.next();
      assertThat(p).isInstanceOf(ServerPacket.Data.class);
      StreamEntry e = ((ServerPacket.Data) p).entry();
      assertThat(e.number()).as("no gap, no duplicate").isEqualTo(expected);
      got.add(e);
      expected++;
    }
    return got;
  }

  @Test
  void startMidFileDuringLiveCommitsHasNoGapOrDuplicate() throws Exception {
    startServer(ServerConfig.defaults());
    fx.commitOps(50, 9); // 500 entries
    Thread producer = Thread.ofPlatform().start(() -> {
      try {
        fx.commitOps(300, 9);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.start(1, 250));
      assertThat(c.read(11)).isEqualTo(ResultPacket.of(ResultCode.OK).encode());
      List<StreamEntry> got = readEntries(c.in(), 250, 3500);
      producer.join();
      for (StreamEntry e : got.subList(0, 50)) {
        assertThat(e).isEqualTo(fx.stream().entry(e.number()));
      }
      assertThat(c.silentFor(50)).isTrue();
    }
  }

  @Test
  void entriesLargerThanTheReadBufferAndAcrossPagePaddingArriveExactly() throws Exception {
    startServer(ServerConfig.defaults());
    java.util.Random rnd = new java.util.Random(7);
    var s = fx.stream();
    s.startAtomicOp();
    for (int i = 0; i < 40; i++) {
      // 150-250 KB entries (larger than the cursor's 64 KiB buffer) between small ones: several
      // page ends with padding, and runs that end at a page end.
      byte[] data = new byte[i % 3 == 0 ? 150_000 + rnd.nextInt(100_000) : rnd.nextInt(300)];
      rnd.nextBytes(data);
      s.addEntry(2, data);
    }
    s.commitAtomicOp();
    long total = s.header().totalEntries();
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.start(1, 0));
      assertThat(c.read(11)).isEqualTo(ResultPacket.of(ResultCode.OK).encode());
      List<StreamEntry> got = readEntries(c.in(), 0, total);
      for (StreamEntry e : got) {
        assertThat(e).isEqualTo(s.entry(e.number()));
      }
      assertThat(c.silentFor(50)).isTrue();
    }
  }

  @Test
  void slowClientIsDisconnectedWhileProducerAndOtherClientsContinue() throws Exception {
    startServer(ServerConfig.defaults().withWriteTimeout(Duration.ofSeconds(1)).withCheckInterval(Duration.ofMillis(50)));
    int ops = 400; // 40 MB: far more than the socket buffers of a client that never reads
    Socket slow = new Socket();
    slow.setReceiveBufferSize(4096);
    slow.connect(new InetSocketAddress("127.0.0.1", server.port()));
    slow.getOutputStream().write(CommandFrame.start(1, 0));
    try (slow; RawConnection good = new RawConnection(server.port())) {
      good.send(CommandFrame.start(1, 0));
      good.read(11);
      java.util.concurrent.atomic.AtomicReference<Throwable> goodFailed = new java.util.concurrent.atomic.AtomicReference<>();
      Thread reader = Thread.ofPlatform().start(() -> {
        try {
          readEntries(good.in(), 0, ops * 101L);
        } catch (IOException | AssertionError e) {
          goodFailed.set(e);
        }
      });
      byte[] big = new byte[1000];
      for (int op = 0; op < ops; op++) {
        fx.stream().startAtomicOp();
        fx.stream().addBookmark(StreamFixture.bookmarkKey(op));
        for (int i = 0; i < 100; i++) {
          fx.stream().addEntry(1, big);
        }
        fx.stream().commitAtomicOp();
      }
      reader.join(60_000);
      assertThat(reader.isAlive()).isFalse();
      assertThat(goodFailed.get()).as("the reading client got everything").isNull();
      await().atMost(Duration.ofSeconds(20))
          .until(() -> registry.counter("datastream.clients.disconnected", "reason", "write_timeout").count() == 1);
      assertThat(server.clientCount()).isEqualTo(1);
    }
  }

  @Test
  void idleClientIsDroppedButStreamingClientOnQuietStreamIsNot() throws Exception {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    startServer(ServerConfig.defaults().withInactivityTimeout(Duration.ofSeconds(120)), now::get);
    fx.commitOps(1, 1);
    try (RawConnection idle = new RawConnection(server.port()); RawConnection streaming = new RawConnection(server.port())) {
      streaming.send(CommandFrame.start(1, 2));
      streaming.read(11);
      idle.send(CommandFrame.header(1));
      idle.read(11 + 38);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == 2);
      now.addAndGet(Duration.ofSeconds(119).toNanos());
      server.checkTimeoutsNow();
      assertThat(server.clientCount()).isEqualTo(2);
      now.addAndGet(Duration.ofSeconds(2).toNanos());
      server.checkTimeoutsNow();
      assertThat(idle.closedByServer()).isTrue();
      assertThat(server.clientCount()).isEqualTo(1);
      fx.commitOps(1, 0);
      assertThat(streaming.read(EntryPacket.HEADER_BYTES + 9)).isEqualTo(
          EntryPacket.toBytes(EntryPacket.DATA, fx.stream().entry(2)));
    }
  }

  @Test
  void truncateBelowStreamingClientsCutsThemAndNewClientsSeeTheNewEntries() throws Exception {
    startServer(ServerConfig.defaults());
    fx.commitOps(10, 1); // 20 entries
    try (RawConnection ahead = new RawConnection(server.port()); RawConnection behind = new RawConnection(server.port())) {
      ahead.send(CommandFrame.start(1, 0));
      ahead.read(11);
      readEntries(ahead.in(), 0, 20);
      behind.send(CommandFrame.start(1, 20));
      behind.read(11);
      assertThat(behind.silentFor(50)).isTrue();
      // behind is at 20 too; truncating to 20 keeps both, to 15 cuts both.
      RawConnection atTen = new RawConnection(server.port());
      atTen.send(CommandFrame.startBookmark(1, StreamFixture.bookmarkKey(10)));
      atTen.read(11);
      readEntries(atTen.in(), 10, 20);
      fx.stream().truncate(15);
      assertThat(ahead.closedByServer()).isTrue();
      assertThat(behind.closedByServer()).isTrue();
      atTen.close();
      try (RawConnection fresh = new RawConnection(server.port())) {
        fresh.send(CommandFrame.start(1, 10));
        fresh.read(11);
        readEntries(fresh.in(), 10, 15);
        fx.commitOps(1, 1);
        List<StreamEntry> next = readEntries(fresh.in(), 15, 17);
        assertThat(next.get(0).isBookmark()).isTrue();
      }
    }
  }

  @Test
  void connectionsBeyondMaxClientsAreRefused() throws Exception {
    startServer(ServerConfig.defaults().withMaxClients(2));
    try (RawConnection a = new RawConnection(server.port()); RawConnection b = new RawConnection(server.port())) {
      a.send(CommandFrame.header(1));
      a.read(49);
      b.send(CommandFrame.header(1));
      b.read(49);
      try (RawConnection c = new RawConnection(server.port())) {
        // The refused client learns why, as the reply to its first command, and then the server closes.
        c.send(CommandFrame.header(1));
        assertThat(c.read(20)).isEqualTo(ResultPacket.of(ResultCode.SERVER_FULL).encode());
        assertThat(ResultPacket.of(ResultCode.SERVER_FULL).encode()).containsExactly(
            0xff, 0, 0, 0, 0x14, 0, 0, 0, 100, 'S', 'e', 'r', 'v', 'e', 'r', ' ', 'f', 'u', 'l', 'l');
        assertThat(c.closedByServer()).isTrue();
      }
      assertThat(registry.counter("datastream.clients.rejected").count()).isEqualTo(1);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == 0);
    try (RawConnection d = new RawConnection(server.port())) {
      d.send(CommandFrame.header(1));
      assertThat(d.read(11)).isEqualTo(ResultPacket.of(ResultCode.OK).encode());
    }
  }

  @Test
  void connectionsThatNeverSendACommandAreClosedAfterTheHandshakeTimeoutAndFreeTheirSlots() throws Exception {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    startServer(ServerConfig.defaults().withMaxClients(3).withHandshakeTimeout(Duration.ofSeconds(10)), now::get);
    List<RawConnection> idle = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      idle.add(new RawConnection(server.port()));
      now.addAndGet(1_000_000); // connected in this order
      int n = i + 1;
      await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == n);
    }
    // One of them speaks up in time and keeps its slot (the inactivity timeout applies to it now).
    idle.get(1).send(CommandFrame.header(1));
    idle.get(1).read(11 + 38);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    server.checkTimeoutsNow();
    assertThat(server.clientCount()).isEqualTo(3);
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    server.checkTimeoutsNow();
    assertThat(idle.get(0).closedByServer()).isTrue();
    assertThat(idle.get(2).closedByServer()).isTrue();
    assertThat(server.clientCount()).isEqualTo(1);
    assertThat(registry.counter("datastream.clients.disconnected", "reason", "handshake_timeout").count()).isEqualTo(2);
    try (RawConnection fresh = new RawConnection(server.port())) {
      fresh.send(CommandFrame.header(1));
      assertThat(fresh.read(11)).isEqualTo(ResultPacket.of(ResultCode.OK).encode());
    }
    for (RawConnection c : idle) {
      c.close();
    }
  }

  @Test
  void atTheLimitTheOldestSilentConnectionMakesRoomAndOnlyClientsThatAllSpokeCauseARefusal() throws Exception {
    startServer(ServerConfig.defaults().withMaxClients(3));
    try (RawConnection talker = new RawConnection(server.port());
        RawConnection silentOld = new RawConnection(server.port())) {
      talker.send(CommandFrame.header(1));
      talker.read(49);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == 2);
      try (RawConnection silentNew = new RawConnection(server.port())) {
        await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == 3);
        try (RawConnection newcomer = new RawConnection(server.port())) {
          newcomer.send(CommandFrame.header(1));
          assertThat(newcomer.read(11)).isEqualTo(ResultPacket.of(ResultCode.OK).encode());
          newcomer.read(38);
          assertThat(silentOld.closedByServer()).as("the oldest silent connection made room").isTrue();
          silentNew.send(CommandFrame.header(1));
          silentNew.read(49);
          // Now all three have spoken: the next one is refused, with the reason.
          try (RawConnection refused = new RawConnection(server.port())) {
            refused.send(CommandFrame.header(1));
            assertThat(refused.read(20)).isEqualTo(ResultPacket.of(ResultCode.SERVER_FULL).encode());
          }
        }
      }
      assertThat(registry.counter("datastream.clients.disconnected", "reason", "evicted_silent").count()).isEqualTo(1);
      assertThat(registry.counter("datastream.clients.rejected").count()).isEqualTo(1);
    }
  }

  @Test
  void aClientThatReadsSlowlyButSteadilyIsNotCutWhileOneThatStopsIs() throws Exception {
    // Progress, not duration: 1 s without a byte accepted cuts; a reader that takes 16 KiB every
    // 50 ms (320 kB/s, far below the producer) keeps going although single writes take longer.
    startServer(ServerConfig.defaults().withWriteTimeout(Duration.ofSeconds(1)).withCheckInterval(Duration.ofMillis(50)));
    Socket steady = new Socket();
    steady.connect(new InetSocketAddress("127.0.0.1", server.port()));
    steady.getOutputStream().write(CommandFrame.start(1, 0));
    Socket stopped = new Socket();
    stopped.connect(new InetSocketAddress("127.0.0.1", server.port()));
    stopped.getOutputStream().write(CommandFrame.start(1, 0));
    int ops = 40; // 40 x 100 x 1000 B = 4 MB
    byte[] big = new byte[1000 - 17];
    for (int op = 0; op < ops; op++) {
      fx.stream().startAtomicOp();
      for (int i = 0; i < 100; i++) {
        fx.stream().addEntry(1, big);
      }
      fx.stream().commitAtomicOp();
    }
    long expected = 11 + ops * 100L * 1000;
    long got = 0;
    try (steady; stopped) {
      var in = steady.getInputStream();
      byte[] buf = new byte[16 * 1024];
      while (got < expected) {
        int n = in.read(buf);
        assertThat(n).as("steady reader cut after %d of %d bytes", got, expected).isPositive();
        got += n;
        Thread.sleep(50 * n / buf.length);
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> registry.counter("datastream.clients.disconnected", "reason", "write_timeout").count() == 1);
      assertThat(server.clientCount()).isEqualTo(1);
    }
  }

  @Test
  void closeIsGracefulAndIdempotent() throws Exception {
    startServer(ServerConfig.defaults());
    RawConnection c = new RawConnection(server.port());
    c.send(CommandFrame.start(1, 0));
    c.read(11);
    server.close();
    server.close();
    assertThat(c.closedByServer()).isTrue();
    c.close();
    assertThat(server.clientCount()).isZero();
  }

  @Test
  void metricsCountCommitsBytesAndLag() throws Exception {
    startServer(ServerConfig.defaults());
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.start(1, 0));
      c.read(11);
      fx.commitOps(3, 2);
      readEntries(c.in(), 0, 9);
      assertThat(registry.counter("datastream.entries.committed").count()).isEqualTo(9);
      await().atMost(Duration.ofSeconds(5))
          .until(() -> registry.counter("datastream.entries.sent").count() == 9);
      assertThat(registry.get("datastream.clients").gauge().value()).isEqualTo(1);
      assertThat(registry.get("datastream.client.lag.max").gauge().value()).isZero();
      assertThat(registry.counter("datastream.sent").count()).isGreaterThan(9 * 17);
    }
  }
}

package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.testing.RawConnection;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import dev.zisk4j.datastream.wire.ServerPacket;
import dev.zisk4j.datastream.wire.ServerPacketReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 13 item 12: 1,000 idle connections (never sending a command) must not keep a working client
 * out, and refusing a flood must not log one warning per connection.
 */
class IdleFloodTest {
  @TempDir Path dir;

  @Test
  void aThousandIdleConnectionsDoNotLockOutAClientAndRefusalsAreLoggedOncePerInterval() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger refusals = (Logger) LoggerFactory.getLogger(Refusals.class);
    refusals.addAppender(logs);
    List<Socket> idle = new ArrayList<>();
    try (StreamFixture fx = StreamFixture.in(dir);
        DataStreamServer server = new DataStreamServer(fx.stream(), ServerConfig.loopback(), registry)) {
      server.start();
      fx.commitOps(10, 4);
      int max = ServerConfig.loopback().maxClients();
      for (int i = 0; i < max; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        idle.add(s);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> server.clientCount() == max);
      // A working client gets in at once (well before any timeout) and streams everything.
      long t0 = System.nanoTime();
      try (RawConnection c = new RawConnection(server.port())) {
        c.send(CommandFrame.start(1, 0));
        assertThat(c.read(11)).isEqualTo(ResultPacket.of(ResultCode.OK).encode());
        ServerPacketReader r = new ServerPacketReader(c.in());
        for (long n = 0; n < 50; n++) {
          StreamEntry e = ((ServerPacket.Data) r.next()).entry();
          assertThat(e.number()).isEqualTo(n);
        }
      }
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(registry.counter("datastream.clients.disconnected", "reason", "evicted_silent").count()).isEqualTo(1);

      // Now fill every slot with clients that have spoken, and flood: each newcomer is refused
      // with the reason, the log gets one line, not fifty.
      for (Socket s : idle) {
        s.close();
      }
      idle.clear();
      await().atMost(Duration.ofSeconds(30)).until(() -> server.clientCount() == 0);
      List<RawConnection> talkers = new ArrayList<>();
      for (int i = 0; i < max; i++) {
        RawConnection t = new RawConnection(server.port());
        t.send(CommandFrame.header(1));
        talkers.add(t);
      }
      for (RawConnection t : talkers) {
        t.read(49);
      }
      for (int i = 0; i < 50; i++) {
        try (RawConnection refused = new RawConnection(server.port())) {
          refused.send(CommandFrame.header(1));
          assertThat(refused.read(20)).isEqualTo(ResultPacket.of(ResultCode.SERVER_FULL).encode());
        }
      }
      assertThat(registry.counter("datastream.clients.rejected").count()).isEqualTo(50);
      long warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
      assertThat(warnings).as("refusal warnings for 50 refused connections").isEqualTo(1);
      for (RawConnection t : talkers) {
        t.close();
      }
    } finally {
      refusals.detachAppender(logs);
      for (Socket s : idle) {
        try {
          s.close();
        } catch (IOException ignored) {
          // test cleanup
        }
      }
    }
  }
}

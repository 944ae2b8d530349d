package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.zisk4j.datastream.testing.RawConnection;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.CommandFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Issue 13 item 13: connects, disconnects and their reasons are visible at the default (INFO) level. */
class ConnectionLoggingTest {
  @TempDir Path dir;

  @Test
  void connectsAndDisconnectsAreLoggedAtInfoWithTheirReason() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger server = (Logger) LoggerFactory.getLogger(DataStreamServer.class);
    Logger conn = (Logger) LoggerFactory.getLogger(ClientConnection.class);
    server.addAppender(logs);
    conn.addAppender(logs);
    try (StreamFixture fx = StreamFixture.in(dir);
        DataStreamServer s = new DataStreamServer(fx.stream(), ServerConfig.loopback())) {
      s.start();
      try (RawConnection c = new RawConnection(s.port())) {
        c.send(CommandFrame.header(1));
        c.read(49);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> s.clientCount() == 0);
      try (RawConnection c = new RawConnection(s.port())) {
        c.send(CommandFrame.header(7)); // wrong stream type: the server hangs up
        assertThat(c.closedByServer()).isTrue();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> s.clientCount() == 0);
    } finally {
      server.detachAppender(logs);
      conn.detachAppender(logs);
    }
    List<String> info = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(info).anySatisfy(m -> assertThat(m).matches("client /127\\.0\\.0\\.1:\\d+ connected \\(1 clients\\)"));
    assertThat(info).anySatisfy(m -> assertThat(m).matches("client /127\\.0\\.0\\.1:\\d+ disconnected: peer_closed"));
    assertThat(info).anySatisfy(m -> assertThat(m)
        .matches("client /127\\.0\\.0\\.1:\\d+ disconnected: stream_type_mismatch \\(streamType=7, expected=1\\)"));
  }
}

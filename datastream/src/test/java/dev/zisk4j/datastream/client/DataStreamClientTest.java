package dev.zisk4j.datastream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.ServerConfig;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.ResultCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataStreamClientTest {
  @TempDir Path dir;
  private StreamFixture fx;
  private DataStreamServer server;

  @BeforeEach
  void setUp() throws IOException {
    fx = StreamFixture.in(dir);
    fx.commitOps(5, 3); // 20 entries
    server = newServer(0);
  }

  private DataStreamServer newServer(int port) throws IOException {
    DataStreamServer s = new DataStreamServer(fx.stream(), ServerConfig.defaults().withBindAddress("127.0.0.1").withPort(port));
    s.start();
    return s;
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
    fx.close();
  }

  private ClientConfig config() {
    return ClientConfig.of("127.0.0.1", server.port());
  }

  @Test
  void queries() throws IOException {
    try (DataStreamClient c = DataStreamClient.connect(config())) {
      assertThat(c.header()).isEqualTo(fx.stream().header());
      assertThat(c.entry(7)).contains(fx.stream().entry(7));
      assertThat(c.entry(20)).isEmpty();
      assertThat(c.bookmark(StreamFixture.bookmarkKey(4))).contains(fx.stream().entry(5));
      assertThat(c.bookmark(StreamFixture.bookmarkKey(5))).isEmpty();
    }
  }

  @Test
  void startStopAndQueryAgain() throws Exception {
    try (DataStreamClient c = DataStreamClient.connect(config())) {
      List<StreamEntry> got = new CopyOnWriteArrayList<>();
      assertThat(c.start(18, got::add).isOk()).isTrue();
      assertThat(c.isStreaming()).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
      fx.commitOps(1, 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 4);
      assertThat(got).extracting(StreamEntry::number).containsExactly(18L, 19L, 20L, 21L);
      assertThat(c.nextExpected()).isEqualTo(22);
      assertThatThrownBy(c::header).isInstanceOf(CommandRejectedException.class).hasMessageContaining("errorNum=1");
      assertThat(c.stop().isOk()).isTrue();
      assertThat(c.stop().code()).isEqualTo(ResultCode.ALREADY_STOPPED);
      assertThat(c.entry(0)).contains(fx.stream().entry(0));
      assertThat(c.start(23, got::add).code()).isEqualTo(ResultCode.BAD_FROM_ENTRY);
      assertThat(c.isStreaming()).isFalse();
    }
  }

  @Test
  void autoReconnectResumesAtLastPlusOneWithoutGapOrDuplicate() throws Exception {
    int port = server.port();
    ClientConfig cfg = config().withAutoReconnect(true, Duration.ofMillis(20));
    try (DataStreamClient c = DataStreamClient.connect(cfg)) {
      List<StreamEntry> got = new CopyOnWriteArrayList<>();
      c.start(0, got::add);
      await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 20);
      server.close(); // drops the connection
      fx.commitOps(2, 4); // committed while the client is away
      server = newServer(port);
      fx.commitOps(1, 4);
      await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 35);
      assertThat(got).extracting(StreamEntry::number)
          .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 35).boxed().toList());
      assertThat(c.stop().isOk()).isTrue();
      assertThat(c.header().totalEntries()).isEqualTo(35);
    }
  }

  @Test
  void withoutReconnectTheListenerHearsTheStreamEnd() throws Exception {
    AtomicReference<Throwable> ended = new AtomicReference<>();
    try (DataStreamClient c = DataStreamClient.connect(config())) {
      c.start(0, new EntryListener() {
        @Override
        public void onEntry(StreamEntry entry) {}

        @Override
        public void onStreamEnded(Throwable cause) {
          ended.set(cause);
        }
      });
      server.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() != null);
      assertThat(c.isStreaming()).isFalse();
      assertThatThrownBy(c::header).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aThrowingListenerStopsDeliveryButNotTheClient() throws Exception {
    AtomicReference<Throwable> ended = new AtomicReference<>();
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (DataStreamClient c = DataStreamClient.connect(config())) {
      c.start(0, new EntryListener() {
        @Override
        public void onEntry(StreamEntry entry) {
          seen.add(entry.number());
          if (entry.number() == 3) {
            throw new IllegalStateException("consumer bug");
          }
        }

        @Override
        public void onStreamEnded(Throwable cause) {
          ended.set(cause);
        }
      });
      await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() != null);
      assertThat(ended.get()).hasMessage("consumer bug");
      assertThat(seen).containsExactly(0L, 1L, 2L, 3L);
      assertThat(c.stop().isOk()).isTrue();
      assertThat(c.entry(1)).isPresent();
    }
  }

  @Test
  void silentServerTimesOutTheCommand() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = silent.accept()) {
          s.getInputStream().readAllBytes();
        } catch (IOException ignored) {
          // test server ends with the client
        }
      });
      ClientConfig cfg = ClientConfig.of("127.0.0.1", silent.getLocalPort()).withReplyTimeout(Duration.ofMillis(200));
      try (DataStreamClient c = DataStreamClient.connect(cfg)) {
        assertThatThrownBy(c::header).isInstanceOf(IOException.class).hasMessageContaining("no reply to Header from 127.0.0.1:" + silent.getLocalPort() + " within 200 ms");
      }
    }
  }

  @Test
  void hostileServerBytesFailTheCommandCleanly() throws Exception {
    try (ServerSocket hostile = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = hostile.accept()) {
          s.getInputStream().readNBytes(16);
          // A DATA_RSP claiming a 4 GiB entry, then an unknown packet type.
          s.getOutputStream().write(new byte[] {(byte) 0xff, 0, 0, 0, 11, 0, 0, 0, 0, 'O', 'K',
              (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
          s.getInputStream().readAllBytes();
        } catch (IOException ignored) {
          // test server ends with the client
        }
      });
      try (DataStreamClient c = DataStreamClient.connect(ClientConfig.of("127.0.0.1", hostile.getLocalPort()))) {
        assertThatThrownBy(() -> c.entry(1)).isInstanceOf(IOException.class).hasMessageContaining("bad entry length");
      }
    }
  }

  @Test
  void parsesHostPort() {
    assertThat(ClientConfig.parse("localhost:6900").port()).isEqualTo(6900);
    assertThat(ClientConfig.parse("[::1]:7").host()).isEqualTo("::1");
    assertThatThrownBy(() -> ClientConfig.parse("localhost")).hasMessageContaining("server=localhost");
    assertThatThrownBy(() -> ClientConfig.parse("h:x")).hasMessageContaining("bad port");
    assertThatThrownBy(() -> ClientConfig.parse("h:70000")).hasMessageContaining("port=70000");
  }
}

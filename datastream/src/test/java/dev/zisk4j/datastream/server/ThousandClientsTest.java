package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.datastream.testing.RawConnection;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import dev.zisk4j.datastream.wire.ServerPacket;
import dev.zisk4j.datastream.wire.ServerPacketReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 1,000 concurrent streaming clients (the default limit) each get every entry, catch-up and live. */
class ThousandClientsTest {
  private static final int CLIENTS = 1000;

  @TempDir Path dir;

  @Test
  void thousandConcurrentClientsEachReceiveEveryEntryInOrder() throws Exception {
    try (StreamFixture fx = StreamFixture.in(dir);
        DataStreamServer server = new DataStreamServer(fx.stream(),
            ServerConfig.loopback())) {
      fx.commitOps(20, 4); // 100 entries to catch up on
      server.start();
      List<RawConnection> conns = new ArrayList<>();
      try {
        for (int i = 0; i < CLIENTS; i++) {
          RawConnection c = new RawConnection(server.port());
          c.send(CommandFrame.start(1, i % 100));
          conns.add(c);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> server.clientCount() == CLIENTS);
        fx.commitOps(20, 4); // 100 live entries
        long total = fx.stream().header().totalEntries();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
          List<Future<Long>> results = new ArrayList<>();
          for (int i = 0; i < CLIENTS; i++) {
            RawConnection c = conns.get(i);
            long from = i % 100;
            results.add(readers.submit(() -> {
              assertThat(c.read(11)).isEqualTo(ResultPacket.of(ResultCode.OK).encode());
              ServerPacketReader r = new ServerPacketReader(c.in());
              long expected = from;
              while (expected < total) {
                ServerPacket p = r.next();
                long n = ((ServerPacket.Data) p).entry().number();
                if (n != expected) {
                  throw new AssertionError("client from " + from + ": got " + n + ", expected " + expected);
                }
                expected++;
              }
              return expected;
            }));
          }
          for (Future<Long> f : results) {
            assertThat(f.get()).isEqualTo(total);
          }
        }
      } finally {
        for (RawConnection c : conns) {
          c.close();
        }
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> server.clientCount() == 0);
    }
  }
}

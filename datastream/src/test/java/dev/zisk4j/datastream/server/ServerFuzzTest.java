package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.datastream.client.ClientConfig;
import dev.zisk4j.datastream.client.DataStreamClient;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.CommandFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws random and mutated command bytes at a live server on loopback (bounded count and time):
 * the server stays up, a client streaming at the same time gets every entry, and the stream file
 * and bookmark log are byte-for-byte unchanged.
 */
class ServerFuzzTest {

  @TempDir Path dir;

  @Test
  void randomAndMutatedCommandsNeitherHurtTheServerNorOtherClientsNorTheFile() throws Exception {
    fuzz(1500, Duration.ofSeconds(20));
  }

  @Test
  @Tag("long")
  void longFuzz() throws Exception {
    fuzz(30_000, Duration.ofMinutes(3));
  }

  private void fuzz(int connections, Duration budget) throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    try (StreamFixture fx = StreamFixture.in(dir);
        DataStreamServer server = new DataStreamServer(fx.stream(),
            ServerConfig.loopback().withWriteTimeout(Duration.ofMillis(500)))) {
      fx.commitOps(200, 9); // 2,000 entries
      server.start();
      long total = fx.stream().header().totalEntries();
      String before = digest(dir);

      List<StreamEntry> witnessed = new CopyOnWriteArrayList<>();
      try (DataStreamClient witness = DataStreamClient.connect(ClientConfig.of("127.0.0.1", server.port()))) {
        witness.start(0, witnessed::add);

        AtomicInteger sent = new AtomicInteger();
        long deadline = System.nanoTime() + budget.toNanos();
        // Bounded concurrency, below maxClients: every fuzz connection reaches the command parser.
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int i = 0; i < connections; i++) {
            long connSeed = seed + i;
            inFlight.acquire();
            pool.submit(() -> {
              try {
                if (System.nanoTime() < deadline) {
                  fuzzOneConnection(server.port(), new Random(connSeed));
                  sent.incrementAndGet();
                }
              } finally {
                inFlight.release();
              }
              return null;
            });
          }
          pool.shutdown();
          assertThat(pool.awaitTermination(budget.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(sent.get()).as("seed=%d", seed).isGreaterThan(100);

        await().atMost(Duration.ofSeconds(10)).until(() -> witnessed.size() == total);
        for (int i = 0; i < total; i++) {
          assertThat(witnessed.get(i).number()).as("seed=%d", seed).isEqualTo(i);
        }
        assertThat(witness.stop().isOk()).isTrue();
        assertThat(witness.header()).isEqualTo(fx.stream().header());
        assertThat(witness.entry(1234)).contains(fx.stream().entry(1234));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> server.clientCount() == 0);
      assertThat(digest(dir)).as("seed=%d", seed).isEqualTo(before);
    }
  }

  private static void fuzzOneConnection(int port, Random rnd) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(200);
      byte[] bytes = rnd.nextInt(3) == 0 ? randomBytes(rnd) : mutatedFrames(rnd);
      s.getOutputStream().write(bytes);
      s.shutdownOutput();
      drain(s.getInputStream());
    } catch (IOException e) {
      // The server may close on us (mismatch, malformed frame): that is an allowed answer.
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(buf) < 0) {
          return;
        }
      } catch (java.net.SocketTimeoutException e) {
        return; // e.g. a Start left streaming at the tip: nothing more will come
      }
    }
  }

  private static byte[] randomBytes(Random rnd) {
    byte[] b = new byte[rnd.nextInt(300)];
    rnd.nextBytes(b);
    return b;
  }

  /** A few valid frames, then random mutations: flipped bytes, cut tails, bad lengths, duplicates. */
  private static byte[] mutatedFrames(Random rnd) {
    List<byte[]> frames = new ArrayList<>();
    int n = 1 + rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      long st = rnd.nextInt(10) == 0 ? rnd.nextLong() : 1;
      frames.add(switch (rnd.nextInt(8)) {
        case 0 -> CommandFrame.start(st, rnd.nextInt(10) == 0 ? rnd.nextLong() : rnd.nextInt(2100));
        case 1 -> CommandFrame.stop(st);
        case 2 -> CommandFrame.header(st);
        case 3 -> CommandFrame.entry(st, rnd.nextInt(2100));
        case 4 -> CommandFrame.startBookmark(st, StreamFixture.bookmarkKey(rnd.nextInt(2100)));
        case 5 -> CommandFrame.bookmark(st, StreamFixture.bookmarkKey(rnd.nextInt(2100)));
        case 6 -> CommandFrame.rangeBookmark(st, StreamFixture.bookmarkKey(rnd.nextInt(2100)),
            StreamFixture.bookmarkKey(rnd.nextInt(2100)));
        default -> ByteBuffer.allocate(20).putLong(rnd.nextInt(3) == 0 ? rnd.nextLong() : 4 + 2 * rnd.nextInt(2))
            .putLong(1).putInt(rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(40)).array();
      });
    }
    ByteBuffer all = ByteBuffer.allocate(frames.stream().mapToInt(f -> f.length).sum());
    frames.forEach(all::put);
    byte[] b = all.array();
    int mutations = rnd.nextInt(4);
    for (int i = 0; i < mutations && b.length > 0; i++) {
      b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
    }
    if (rnd.nextInt(4) == 0 && b.length > 1) {
      b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
    }
    return b;
  }

  private static String digest(Path dir) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        if (Files.isRegularFile(p)) {
          md.update(p.getFileName().toString().getBytes());
          md.update(Files.readAllBytes(p));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}

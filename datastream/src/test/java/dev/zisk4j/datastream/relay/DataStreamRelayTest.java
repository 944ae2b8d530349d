package dev.zisk4j.datastream.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zisk4j.datastream.client.ClientConfig;
import dev.zisk4j.datastream.client.DataStreamClient;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.ServerConfig;
import dev.zisk4j.datastream.testing.StreamFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataStreamRelayTest {
  @TempDir Path dir;
  private StreamFixture upstream;
  private DataStreamServer upstreamServer;
  private final Set<Long> upstreamBoundaries = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(dir.resolve("up"));
    Files.createDirectories(dir.resolve("relay"));
    upstream = StreamFixture.in(dir.resolve("up"));
    upstreamBoundaries.add(0L);
    upstream.stream().addCommitListener((first, end) -> upstreamBoundaries.add(end));
    upstreamServer = new DataStreamServer(upstream.stream(), ServerConfig.loopback());
    upstreamServer.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    upstreamServer.close();
    upstream.close();
  }

  private RelayConfig relayConfig() {
    return RelayConfig.of(ClientConfig.of("127.0.0.1", upstreamServer.port()).withAutoReconnect(false, Duration.ofMillis(20)),
        ServerConfig.loopback());
  }

  private StreamFixture relayFile() throws IOException {
    return StreamFixture.in(dir.resolve("relay"));
  }

  @Test
  void relaysEveryEntryAndCommitsOnlyAtUpstreamOperationBoundaries() throws Exception {
    upstream.commitOps(20, 7);
    try (StreamFixture local = relayFile()) {
      List<Long> relayCommits = new CopyOnWriteArrayList<>();
      local.stream().addCommitListener((first, end) -> relayCommits.add(end));
      try (DataStreamRelay relay = new DataStreamRelay(local.stream(), relayConfig(), new SimpleMeterRegistry())) {
        relay.start();
        for (int i = 0; i < 200; i++) {
          upstream.commitOps(1, i % 13);
        }
        long total = upstream.stream().header().totalEntries();
        await().atMost(Duration.ofSeconds(30)).until(() -> local.stream().header().totalEntries() == total);
        assertThat(relayCommits).isNotEmpty().allSatisfy(end -> assertThat(upstreamBoundaries).contains(end));
        for (long n = 0; n < total; n += 37) {
          assertThat(local.stream().entry(n)).isEqualTo(upstream.stream().entry(n));
        }
        assertThat(local.stream().entry(total - 1)).isEqualTo(upstream.stream().entry(total - 1));
        assertThat(local.stream().bookmark(StreamFixture.bookmarkKey(0))).hasValue(0);

        // A client of the relay sees the same stream.
        try (DataStreamClient c = DataStreamClient.connect(ClientConfig.of("127.0.0.1", relay.port()))) {
          assertThat(c.header().totalEntries()).isEqualTo(total);
          List<StreamEntry> got = new CopyOnWriteArrayList<>();
          c.start(total - 5, got::add);
          upstream.commitOps(1, 2);
          await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 8);
          assertThat(got).extracting(StreamEntry::number)
              .containsExactlyElementsOf(java.util.stream.LongStream.range(total - 5, total + 3).boxed().toList());
        }
      }
    }
  }

  @Test
  void resumesAfterRestartFromItsOwnCommittedEnd() throws Exception {
    upstream.commitOps(10, 3);
    try (StreamFixture local = relayFile()) {
      try (DataStreamRelay relay = new DataStreamRelay(local.stream(), relayConfig(), new SimpleMeterRegistry())) {
        relay.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> local.stream().header().totalEntries() == 40);
      }
    }
    upstream.commitOps(10, 3);
    try (StreamFixture local = StreamFixture.in(dir.resolve("relay"))) {
      assertThat(local.stream().header().totalEntries()).isEqualTo(40);
      try (DataStreamRelay relay = new DataStreamRelay(local.stream(), relayConfig(), new SimpleMeterRegistry())) {
        relay.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> local.stream().header().totalEntries() == 80);
        assertThat(local.stream().entry(79)).isEqualTo(upstream.stream().entry(79));
      }
    }
  }

  @Test
  void refusesToStartAheadOfItsUpstream() throws Exception {
    upstream.commitOps(2, 1);
    try (StreamFixture local = relayFile()) {
      local.commitOps(3, 1);
      DataStreamRelay relay = new DataStreamRelay(local.stream(), relayConfig(), new SimpleMeterRegistry());
      assertThatThrownBy(relay::start).isInstanceOf(RelayDivergedException.class)
          .hasMessageContaining("ahead of its upstream: localEntries=6, upstreamEntries=4");
      relay.close();
    }
  }

  @Test
  void refusesToFollowAnUpstreamWithDifferentEntries() throws Exception {
    upstream.commitOps(3, 1);
    try (StreamFixture local = relayFile()) {
      local.stream().startAtomicOp();
      local.stream().addBookmark(StreamFixture.bookmarkKey(0));
      local.stream().addEntry(9, new byte[] {1, 2, 3});
      local.stream().commitAtomicOp();
      DataStreamRelay relay = new DataStreamRelay(local.stream(), relayConfig(), new SimpleMeterRegistry());
      assertThatThrownBy(relay::start).isInstanceOf(RelayDivergedException.class)
          .hasMessageContaining("differs from its upstream at entry 1");
      relay.close();
      assertThat(local.stream().header().totalEntries()).isEqualTo(2);
    }
  }

  @Test
  void stopsWithAClearErrorWhenTheUpstreamIsTruncatedBelowIt() throws Exception {
    upstream.commitOps(10, 1);
    try (StreamFixture local = relayFile();
        DataStreamRelay relay = new DataStreamRelay(local.stream(), relayConfig(), new SimpleMeterRegistry())) {
      relay.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> local.stream().header().totalEntries() == 20);
      upstream.stream().truncate(10);
      await().atMost(Duration.ofSeconds(10)).until(() -> relay.terminated().isDone());
      assertThat(relay.terminated()).isCompletedExceptionally();
      assertThatThrownBy(() -> relay.terminated().join()).hasCauseInstanceOf(RelayDivergedException.class)
          .hasMessageContaining("ahead of its upstream");
      assertThat(local.stream().header().totalEntries()).isEqualTo(20);
    }
  }

  @Test
  void reconnectsAfterUpstreamRestartsAndKeepsBoundaries() throws Exception {
    upstream.commitOps(5, 3);
    try (StreamFixture local = relayFile()) {
      List<Long> relayCommits = new CopyOnWriteArrayList<>();
      local.stream().addCommitListener((first, end) -> relayCommits.add(end));
      try (DataStreamRelay relay = new DataStreamRelay(local.stream(), relayConfig(), new SimpleMeterRegistry())) {
        relay.start();
        int port = upstreamServer.port();
        for (int restart = 0; restart < 3; restart++) {
          upstream.commitOps(10, restart + 2);
          long before = upstream.stream().header().totalEntries();
          await().atMost(Duration.ofSeconds(30)).until(() -> local.stream().header().totalEntries() == before);
          upstreamServer.close();
          upstream.commitOps(5, 4); // committed while the relay cannot see the upstream
          upstreamServer = new DataStreamServer(upstream.stream(), ServerConfig.loopback().withPort(port));
          upstreamServer.start();
        }
        upstream.commitOps(3, 1);
        long total = upstream.stream().header().totalEntries();
        await().atMost(Duration.ofSeconds(30)).until(() -> local.stream().header().totalEntries() == total);
        assertThat(relay.terminated()).isNotDone();
        assertThat(relayCommits).allSatisfy(end -> assertThat(upstreamBoundaries).contains(end));
        for (long n = 0; n < total; n++) {
          assertThat(local.stream().entry(n)).isEqualTo(upstream.stream().entry(n));
        }
      }
    }
  }
}

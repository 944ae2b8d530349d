package dev.zisk4j.datastream.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.file.StreamHeader;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.ServerConfig;
import dev.zisk4j.datastream.testing.Fixtures;
import dev.zisk4j.datastream.testing.GoClientDump;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.awaitility.Awaitility.await;

/**
 * Serves the Go reference's files and checks that our client, through our server, reads back exactly
 * what the Go client read from the Go server (the fixtures' dumps): header, Entry, Bookmark, Start and
 * StartBookmark results.
 */
class GoFixtureInteropTest {
  private static final HexFormat HEX = HexFormat.of();

  private static void assertSame(StreamEntry actual, GoClientDump.Entry expected) {
    assertThat(actual.number()).isEqualTo(expected.number());
    assertThat(actual.type()).isEqualTo(expected.type());
    assertThat(actual.encodedLength()).isEqualTo(expected.length());
    assertThat(HEX.formatHex(actual.data())).isEqualTo(expected.dataHex());
  }

  @ParameterizedTest
  @ValueSource(strings = {"small50ops", "pagecross4000ops"})
  void ourClientThroughOurServerReadsWhatTheGoClientRead(String name) throws Exception {
    Path dir = Fixtures.datastream();
    GoClientDump dump = new GoClientDump(dir.resolve(name + ".dump.json"));
    // The dump parser must really have found the Go client's answers (not an empty pass).
    assertThat(dump.list("getEntryResults")).hasSizeGreaterThan(3);
    assertThat(dump.bookmarkResults()).hasSizeGreaterThan(3).containsValue(new GoClientDump.Entry(-1, 0, 0, "", "bookmark not found"));
    assertThat(dump.keyedLists("startFromResults")).hasSizeGreaterThan(3)
        .containsEntry(String.valueOf(dump.headerTotalEntries()), List.of());
    assertThat(dump.keyedLists("startBookmarkResults")).hasSizeGreaterThan(3);
    try (DataStream stream = DataStream.openReadOnly(dir.resolve(name + ".bin"));
        DataStreamServer server = new DataStreamServer(stream,
            ServerConfig.loopback())) {
      server.start();
      try (DataStreamClient client = DataStreamClient.connect(ClientConfig.of("127.0.0.1", server.port()))) {
        StreamHeader h = client.header();
        assertThat(h.totalEntries()).isEqualTo(dump.headerTotalEntries());
        assertThat(h.totalLength()).isEqualTo(dump.headerTotalLength());
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.systemId()).isEqualTo(137);

        for (GoClientDump.Entry e : dump.list("getEntryResults")) {
          Optional<StreamEntry> got = client.entry(e.number());
          if (e.error() != null) {
            assertThat(got).as("entry %d", e.number()).isEmpty();
          } else {
            assertSame(got.orElseThrow(), e);
          }
        }
        for (Map.Entry<String, GoClientDump.Entry> b : dump.bookmarkResults().entrySet()) {
          Optional<StreamEntry> got = client.bookmark(HEX.parseHex(b.getKey()));
          if (b.getValue().error() != null) {
            assertThat(got).as("bookmark %s", b.getKey()).isEmpty();
          } else {
            assertSame(got.orElseThrow(), b.getValue());
          }
        }
        for (Map.Entry<String, List<GoClientDump.Entry>> s : dump.keyedLists("startFromResults").entrySet()) {
          checkStream(client, s.getValue(), l -> client.start(Long.parseLong(s.getKey()), l));
        }
        for (Map.Entry<String, List<GoClientDump.Entry>> s : dump.keyedLists("startBookmarkResults").entrySet()) {
          checkStream(client, s.getValue(), l -> client.startBookmark(HEX.parseHex(s.getKey()), l));
        }
      }
    }
  }

  private interface Starter {
    ResultPacket start(EntryListener l) throws IOException;
  }

  private static void checkStream(DataStreamClient client, List<GoClientDump.Entry> expected, Starter starter)
      throws IOException {
    List<StreamEntry> got = new CopyOnWriteArrayList<>();
    ResultPacket r = starter.start(got::add);
    if (!expected.isEmpty() && expected.getFirst().error() != null) {
      assertThat(r.isOk()).isFalse();
      assertThat(r.code()).isIn(ResultCode.BAD_FROM_ENTRY, ResultCode.BAD_FROM_BOOKMARK);
      return;
    }
    assertThat(r.isOk()).as("result %s, expected %s", r, expected).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= expected.size());
    assertThat(client.stop().isOk()).isTrue();
    List<StreamEntry> first = new ArrayList<>(got.subList(0, expected.size()));
    for (int i = 0; i < expected.size(); i++) {
      assertSame(first.get(i), expected.get(i));
    }
  }
}

package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the files written by the Go reference (v0.2.4) and checks them against what its client read back. */
class GoFixtureReadTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @ValueSource(strings = {"small50ops", "pagecross4000ops"})
  void headerMatchesTheGoClient(String name) throws Exception {
    JsonNode dump = Fixtures.json(name + ".dump.json");
    try (DataStream s = DataStream.openReadOnly(Fixtures.file(name + ".bin"))) {
      StreamHeader h = s.header();
      assertThat(h.version()).isEqualTo(dump.at("/header/version").asInt());
      assertThat(h.systemId()).isEqualTo(dump.at("/header/systemID").asLong());
      assertThat(h.streamType()).isEqualTo(1);
      assertThat(h.totalLength()).isEqualTo(dump.at("/header/totalLength").asLong());
      assertThat(h.totalEntries()).isEqualTo(dump.at("/header/totalEntries").asLong());
      assertThat(s.hasLegacyHeader()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"small50ops", "pagecross4000ops"})
  void sequentialReadGivesEveryEntryInOrderAndMatchesTheDump(String name) throws Exception {
    JsonNode dump = Fixtures.json(name + ".dump.json");
    Map<Long, StreamEntry> expected = new HashMap<>();
    for (JsonNode e : dump.get("entries")) {
      expected.put(e.get("number").asLong(), Fixtures.entry(e));
    }
    Map<String, Integer> typeCounts = new HashMap<>();
    try (DataStream s = DataStream.openReadOnly(Fixtures.file(name + ".bin"));
         EntryCursor c = s.cursor(0)) {
      long n = 0;
      StreamEntry e;
      while ((e = c.next()) != null) {
        assertThat(e.number()).isEqualTo(n++);
        if (expected.containsKey(e.number())) {
          assertThat(e).isEqualTo(expected.get(e.number()));
        }
        typeCounts.merge("0x" + Integer.toHexString(e.type()), 1, Integer::sum);
      }
      assertThat(n).isEqualTo(dump.get("streamedFromZeroCount").asLong());
      assertThat(c.next()).as("stays at the committed end").isNull();
    }
    Map<String, Integer> dumpCounts = new HashMap<>();
    dump.get("entryTypeCounts").properties().forEach(p -> dumpCounts.put(p.getKey(), p.getValue().asInt()));
    assertThat(typeCounts).isEqualTo(dumpCounts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"small50ops", "pagecross4000ops"})
  void randomAccessMatchesEveryDumpedEntry(String name) throws Exception {
    JsonNode dump = Fixtures.json(name + ".dump.json");
    try (DataStream s = DataStream.openReadOnly(Fixtures.file(name + ".bin"))) {
      for (JsonNode e : dump.get("entries")) {
        assertThat(s.entry(e.get("number").asLong())).isEqualTo(Fixtures.entry(e));
      }
      for (JsonNode e : dump.get("getEntryResults")) {
        if (e.get("dataHex").asText().startsWith("ERROR")) {
          continue;
        }
        assertThat(s.entry(e.get("number").asLong())).isEqualTo(Fixtures.entry(e));
      }
      long total = s.header().totalEntries();
      assertThatThrownBy(() -> s.entry(total)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("n=" + total);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"small50ops", "pagecross4000ops"})
  void bookmarkQueriesMatchTheGoServer(String name) throws Exception {
    JsonNode dump = Fixtures.json(name + ".dump.json");
    try (DataStream s = DataStream.openReadOnly(Fixtures.file(name + ".bin"))) {
      for (JsonNode r : dump.get("getBookmarkResults")) {
        byte[] key = HEX.parseHex(r.get("bookmarkHex").asText());
        Optional<StreamEntry> got = s.firstEventAfterBookmark(key);
        if (r.has("error")) {
          assertThat(got).as(r.toString()).isEmpty();
        } else {
          assertThat(got).contains(Fixtures.entry(r.get("entry")));
        }
      }
      for (var p : dump.get("startBookmarkResults").properties()) {
        byte[] key = HEX.parseHex(p.getKey());
        JsonNode first = p.getValue().get(0);
        if (first.get("dataHex").asText().startsWith("ERROR")) {
          assertThat(s.bookmark(key)).isEmpty();
          continue;
        }
        long at = s.bookmark(key).orElseThrow();
        try (EntryCursor c = s.cursor(at)) {
          for (JsonNode want : p.getValue()) {
            assertThat(c.next()).isEqualTo(Fixtures.entry(want));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"small50ops", "pagecross4000ops"})
  void startFromResultsMatchAcrossThePageBoundary(String name) throws Exception {
    JsonNode dump = Fixtures.json(name + ".dump.json");
    try (DataStream s = DataStream.openReadOnly(Fixtures.file(name + ".bin"))) {
      for (var p : dump.get("startFromResults").properties()) {
        long from = Long.parseLong(p.getKey());
        if (from > s.header().totalEntries()) {
          assertThatThrownBy(() -> s.cursor(from)).isInstanceOf(IllegalArgumentException.class);
          continue;
        }
        List<StreamEntry> got = new ArrayList<>();
        try (EntryCursor c = s.cursor(from)) {
          StreamEntry e;
          while (got.size() < p.getValue().size() && (e = c.next()) != null) {
            got.add(e);
          }
          if (p.getValue().isEmpty()) {
            assertThat(c.next()).isNull();
          }
        }
        List<StreamEntry> want = new ArrayList<>();
        p.getValue().forEach(j -> want.add(Fixtures.entry(j)));
        assertThat(got).isEqualTo(want);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void pageCrossingFileHasItsPaddingWhereTheReadmeSays() throws Exception {
    try (DataStream s = DataStream.openReadOnly(Fixtures.file("pagecross4000ops.bin"))) {
      StreamEntry last = s.entry(15419);
      assertThat(last.type()).isEqualTo(3);
      StreamEntry first = s.entry(15420);
      assertThat(HEX.formatHex(first.data())).isEqualTo("010000000000000c0c");
      assertThat(s.bookmarks()).hasSize(8000);
    }
  }
}

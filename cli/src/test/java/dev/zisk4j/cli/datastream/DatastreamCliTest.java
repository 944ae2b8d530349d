package dev.zisk4j.cli.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.cli.Main;
import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.DemoProducer;
import dev.zisk4j.datastream.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatastreamCliTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private DataStream demoStream(int ops) throws Exception {
    DataStream s = DataStream.open(dir.resolve("s.bin"), DataStreamConfig.defaults().withDurability(Durability.OS));
    DemoProducer demo = new DemoProducer(s, 1, System::nanoTime);
    for (int i = 0; i < ops; i++) {
      demo.commitOne();
    }
    return s;
  }

  @Test
  void clientQueriesAndSanityCheckAgainstALiveServer() throws Exception {
    try (DataStream s = demoStream(10);
        DataStreamServer server = new DataStreamServer(s, ServerConfig.loopback())) {
      server.start();
      String addr = "127.0.0.1:" + server.port();
      CliRun h = run("datastream", "client", "--server", addr, "--header");
      assertThat(h.exit()).isZero();
      assertThat(h.out()).contains("version=1 systemId=137 streamType=1").contains("totalEntries=40");

      CliRun e = run("datastream", "client", "--server", addr, "--entry", "1");
      assertThat(e.out()).startsWith("entry 1 type=0x1 length=41 data=0000000000000000");

      CliRun missing = run("datastream", "client", "--server", addr, "--entry", "40");
      assertThat(missing.exit()).isEqualTo(1);
      assertThat(missing.err()).contains("entry 40 not found");

      CliRun b = run("datastream", "client", "--server", addr, "--bookmark", "000000000000000003");
      assertThat(b.out()).startsWith("entry 13 type=0x1");

      CliRun badHex = run("datastream", "client", "--server", addr, "--bookmark", "zz");
      assertThat(badHex.exit()).isEqualTo(1);
      assertThat(badHex.err()).contains("bookmark is not hex: bookmark=zz");

      CliRun stream = run("datastream", "client", "--server", addr, "--from", "0", "--count", "40", "--sanity-check");
      assertThat(stream.exit()).isZero();
      assertThat(stream.out()).contains("SANITY CHECK: received=40, gaps=0, repeats=0, last=39, OK");

      CliRun print = run("datastream", "client", "--server", addr, "--from", "38", "--count", "2");
      assertThat(print.out().lines()).hasSize(2).first().asString().startsWith("entry 38 type=0x2");

      CliRun beyond = run("datastream", "client", "--server", addr, "--from", "41", "--count", "1");
      assertThat(beyond.exit()).isEqualTo(1);
      assertThat(beyond.err()).contains("errorNum=3, message=Bad from entry");

      CliRun usage = run("datastream", "client", "--server", addr);
      assertThat(usage.exit()).isEqualTo(2);
    }
  }

  @Test
  void serverCommandServesWithDemoProducerAndMetrics() throws Exception {
    ServerCommand cmd = new ServerCommand();
    CommandLine cl = new CommandLine(cmd);
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.parseArgs("--file", dir.resolve("d.bin").toString(), "--port", "0", "--metrics-port", "0",
        "--bind", "127.0.0.1", "--demo-rate", "200", "--durability", "os");
    cmd.env = Map.of();
    try (Running r = cmd.start()) {
      int port = port(out.toString(), "listening on port (\\d+)");
      int metrics = port(out.toString(), "localhost:(\\d+)/metrics");
      CliRun stream = run("datastream", "client", "--server", "127.0.0.1:" + port, "--from", "0", "--count", "40", "--sanity-check");
      assertThat(stream.out()).contains("received=40, gaps=0, repeats=0");
      HttpResponse<String> m = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.body()).contains("datastream_entries_committed_total").contains("datastream_clients");
    }
  }

  @Test
  void relayCommandFollowsAnUpstream() throws Exception {
    try (DataStream s = demoStream(5);
        DataStreamServer server = new DataStreamServer(s, ServerConfig.loopback())) {
      server.start();
      RelayCommand cmd = new RelayCommand();
      CommandLine cl = new CommandLine(cmd);
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      cl.parseArgs("--upstream", "127.0.0.1:" + server.port(), "--file", dir.resolve("r.bin").toString(),
          "--port", "0", "--metrics-port", "-1", "--bind", "127.0.0.1");
      cmd.env = Map.of();
      try (Running r = new Running()) {
        cmd.start(r);
        int port = port(out.toString(), "listening on port (\\d+)");
        CliRun stream = run("datastream", "client", "--server", "127.0.0.1:" + port, "--from", "0", "--count", "20", "--sanity-check");
        assertThat(stream.out()).contains("received=20, gaps=0, repeats=0, last=19, OK");
      }
    }
  }

  @Test
  void settingsPrecedenceIsFlagThenEnvThenFileThenDefault() throws Exception {
    Path file = dir.resolve("ds.properties");
    Properties p = new Properties();
    p.setProperty("port", "7001");
    p.setProperty("max-clients", "50");
    p.setProperty("write-timeout-ms", "900");
    try (var w = Files.newBufferedWriter(file)) {
      p.store(w, null);
    }
    LayeredSettings s = LayeredSettings.load(file, Map.of("ZISK4J_DATASTREAM_PORT", "7002", "ZISK4J_DATASTREAM_MAX_CLIENTS", "60"));
    assertThat(s.integer("port", 7003, 6900)).isEqualTo(7003);
    assertThat(s.integer("port", null, 6900)).isEqualTo(7002);
    assertThat(s.integer("max-clients", null, 1000)).isEqualTo(60);
    assertThat(s.millis("write-timeout-ms", null, java.time.Duration.ofSeconds(3)).toMillis()).isEqualTo(900);
    assertThat(s.millis("inactivity-timeout-ms", null, java.time.Duration.ofSeconds(120)).toSeconds()).isEqualTo(120);
    LayeredSettings bad = LayeredSettings.load(null, Map.of("ZISK4J_DATASTREAM_PORT", "x"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.integer("port", null, 1))
        .hasMessage("not an integer: port=x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LayeredSettings.load(dir.resolve("nope"), Map.of()))
        .hasMessageContaining("cannot read config file");
  }

  @Test
  void serverRefusesBadSettingsClearly() {
    CliRun noFile = run("datastream", "server", "--port", "0", "--metrics-port", "-1");
    assertThat(noFile.exit()).isEqualTo(1);
    assertThat(noFile.err()).contains("no stream file");
    CliRun badDurability = run("datastream", "server", "--file", dir.resolve("x.bin").toString(), "--durability", "never",
        "--port", "0", "--metrics-port", "-1");
    assertThat(badDurability.err()).contains("durability must be fsync or os: durability=never");
    CliRun badPort = run("datastream", "server", "--file", dir.resolve("y.bin").toString(), "--port", "70000", "--metrics-port", "-1");
    assertThat(badPort.err()).contains("port out of range: port=70000");
  }

  @Test
  void sequenceCheckReportsGapsAndRepeats() {
    SequenceCheck c = new SequenceCheck();
    assertThat(c.accept(5)).isNull();
    assertThat(c.accept(6)).isNull();
    assertThat(c.accept(9)).isEqualTo("GAP: expected entry 7, got 9 (2 missing)");
    assertThat(c.accept(9)).isEqualTo("REPEATED: entry 9 (expected 10)");
    assertThat(c.accept(10)).isNull();
    assertThat(c.ok()).isFalse();
    assertThat(c.summary()).isEqualTo("SANITY CHECK: received=5, gaps=1, repeats=1, last=10, FAILED");
  }

  private static int port(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertThat(m.find()).as("output: %s", out).isTrue();
    return Integer.parseInt(m.group(1));
  }
}

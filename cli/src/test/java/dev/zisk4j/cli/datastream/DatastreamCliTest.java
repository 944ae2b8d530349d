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
      assertThat(badHex.exit()).isEqualTo(2);
      assertThat(badHex.err()).startsWith("invalid value for option '--bookmark': zz (allowed: 1 to 16 bytes in hex");

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
      int metrics = port(out.toString(), "http://[^:/]+:(\\d+)/metrics");
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
  void serverSettingsComeFromFlagsThenEnvironmentThenTomlFileThenDefaults() throws Exception {
    Path toml = dir.resolve("ds.toml");
    Files.writeString(toml, """
        file = "%s"
        port = 0
        bind = "127.0.0.1"
        metrics-port = -1
        max-clients = 50
        write-timeout-ms = 900
        durability = "os"
        """.formatted(dir.resolve("t.bin")));
    ServerCommand cmd = new ServerCommand();
    CommandLine cl = new CommandLine(cmd);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.parseArgs("--config", toml.toString(), "--max-clients", "70");
    cmd.env = Map.of("ZISK4J_DATASTREAM_SERVER_MAX_CLIENTS", "60", "ZISK4J_DATASTREAM_SERVER_WRITE_TIMEOUT_MS", "800");
    try (Running r = cmd.start()) {
      assertThat(cmd.serving.maxClients).isEqualTo(70);
      assertThat(cmd.serving.writeTimeoutMs).isEqualTo(800L);
      assertThat(cmd.serving.serverConfig(6900).inactivityTimeout()).isEqualTo(ServerConfig.defaults().inactivityTimeout());
      assertThat(cmd.file).isEqualTo(dir.resolve("t.bin"));
      assertThat(out.toString()).contains("listening on port");
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void serverAndRelayRefuseUnknownKeysAndTakeTheOldPropertiesFileWithAWarning() throws Exception {
    Path toml = dir.resolve("bad.toml");
    Files.writeString(toml, "max-client = 5\n");
    CliRun bad = run("datastream", "server", "--config", toml.toString(), "--file", dir.resolve("u.bin").toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).startsWith("error: config file " + toml + ": unknown key 'max-client' for datastream-server");
    CliRun relay = run("datastream", "relay", "--config", toml.toString());
    assertThat(relay.err()).startsWith("error: config file " + toml + ": unknown key 'max-client' for datastream-relay");

    Path props = dir.resolve("ds.properties");
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("bind", "127.0.0.1");
    p.setProperty("metrics-port", "-1");
    p.setProperty("file", dir.resolve("p.bin").toString());
    try (var w = Files.newBufferedWriter(props)) {
      p.store(w, null);
    }
    ServerCommand cmd = new ServerCommand();
    CommandLine cl = new CommandLine(cmd);
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    cl.parseArgs("--config", props.toString());
    cmd.env = Map.of("ZISK4J_DATASTREAM_MAX_CLIENTS", "9");
    try (Running r = cmd.start()) {
      assertThat(cmd.file).isEqualTo(dir.resolve("p.bin"));
      assertThat(cmd.serving.maxClients).isEqualTo(9);
    }
    assertThat(err.toString())
        .contains("warning: " + props + " is a key=value properties file, a deprecated format")
        .contains("warning: environment variable ZISK4J_DATASTREAM_MAX_CLIENTS is deprecated: use"
            + " ZISK4J_DATASTREAM_SERVER_MAX_CLIENTS");
  }

  @Test
  void serverRefusesBadSettingsClearly() {
    CliRun noFile = run("datastream", "server", "--port", "0", "--metrics-port", "-1");
    assertThat(noFile.exit()).isEqualTo(1);
    assertThat(noFile.err()).contains("no stream file");
    CliRun badDurability = run("datastream", "server", "--file", dir.resolve("x.bin").toString(), "--durability", "never",
        "--port", "0", "--metrics-port", "-1");
    assertThat(badDurability.exit()).isEqualTo(2);
    assertThat(badDurability.err()).startsWith("invalid value for option '--durability': never (allowed: fsync or os)");
    CliRun badPort = run("datastream", "server", "--file", dir.resolve("y.bin").toString(), "--port", "70000", "--metrics-port", "-1");
    assertThat(badPort.exit()).isEqualTo(2);
    assertThat(badPort.err()).startsWith("invalid value for option '--port': 70000 (allowed: 0..65535");
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

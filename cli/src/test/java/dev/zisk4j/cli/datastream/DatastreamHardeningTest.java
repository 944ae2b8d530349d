package dev.zisk4j.cli.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.file.Durability;
import dev.zisk4j.datastream.server.DataStreamServer;
import dev.zisk4j.datastream.server.DemoProducer;
import dev.zisk4j.datastream.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 13 items 8, 9, 11 and 13: bad values, errors that say what and where, exit summary, operator surface. */
class DatastreamHardeningTest {
  @TempDir Path dir;

  private DataStream demoStream(String name, int ops) throws Exception {
    DataStream s = DataStream.open(dir.resolve(name), DataStreamConfig.defaults().withDurability(Durability.OS));
    DemoProducer demo = new DemoProducer(s, 1, System::nanoTime);
    for (int i = 0; i < ops; i++) {
      demo.commitOne();
    }
    return s;
  }

  @Test
  @Timeout(60)
  void clientRefusesBadCountsAndTimeoutsWithOneLineAndExit2() throws Exception {
    try (DataStream s = demoStream("s.bin", 2); DataStreamServer server = new DataStreamServer(s, ServerConfig.loopback())) {
      server.start();
      String addr = "127.0.0.1:" + server.port();
      for (String count : new String[] {"0", "-5"}) {
        CliRun r = CliRun.of("datastream", "client", "--server", addr, "--from", "0", "--count", count);
        assertThat(r.exit()).as("--count %s", count).isEqualTo(2);
        assertThat(r.err()).startsWith("invalid value for option '--count': " + count + " (allowed: 1 or more")
            .contains("; see 'zisk4j datastream client --help'");
      }
      CliRun huge = CliRun.of("datastream", "client", "--server", addr, "--header", "--timeout-ms", "99999999999999999");
      assertThat(huge.exit()).isEqualTo(2);
      assertThat(huge.err()).startsWith("invalid value for option '--timeout-ms': 99999999999999999 (allowed: 1..86400000 ms)")
          .doesNotContain("Exception").doesNotContain("\tat ");
      // Checked before connecting: no server is needed to learn about a typo.
      String nowhere = "127.0.0.1:1";
      CliRun entry = CliRun.of("datastream", "client", "--server", nowhere, "--entry", "-3");
      assertThat(entry.exit()).isEqualTo(2);
      assertThat(entry.err()).startsWith("invalid value for option '--entry': -3 (allowed: an entry number, 0 or more)");
      CliRun from = CliRun.of("datastream", "client", "--server", nowhere, "--from", "-3");
      assertThat(from.err()).startsWith("invalid value for option '--from': -3 (allowed: an entry number (0 or more) or 'latest')");
      CliRun bm = CliRun.of("datastream", "client", "--server", nowhere, "--bookmark", "00112233445566778899aabbccddeeff00");
      assertThat(bm.err()).startsWith("invalid value for option '--bookmark': 00112233445566778899aabbccddeeff00");
      CliRun badServer = CliRun.of("datastream", "client", "--server", "localhost:99999", "--header");
      assertThat(badServer.exit()).isEqualTo(2);
      assertThat(badServer.err()).startsWith("invalid value for option '--server': localhost:99999");
    }
  }

  @Test
  void clientErrorsNameWhatTheyWereDoingAndOnWhat() throws Exception {
    int closedPort;
    try (ServerSocket ss = new ServerSocket(0)) {
      closedPort = ss.getLocalPort();
    }
    CliRun refused = CliRun.of("datastream", "client", "--server", "127.0.0.1:" + closedPort, "--header");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("error: cannot connect to 127.0.0.1:" + closedPort + ": connection refused");

    CliRun unknown = CliRun.of("datastream", "client", "--server", "no-such-host.invalid:6900", "--header");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("error: cannot connect to no-such-host.invalid:6900: unknown host no-such-host.invalid");

    // A "server" that accepts and hangs up at once.
    try (ServerSocket ss = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = Thread.ofVirtual().start(() -> {
        try (Socket s = ss.accept()) {
          s.getInputStream().read(new byte[16]);
        } catch (Exception ignored) {
          // the test checks the client side
        }
      });
      CliRun lost = CliRun.of("datastream", "client", "--server", "127.0.0.1:" + ss.getLocalPort(), "--header");
      t.join();
      assertThat(lost.exit()).isEqualTo(1);
      assertThat(lost.err()).startsWith("error: connection to 127.0.0.1:" + ss.getLocalPort()
          + " lost during Header: the server closed the connection");
    }
  }

  @Test
  @Timeout(60)
  void aStreamCutByTheServerSaysSoAndStillPrintsTheSummary() throws Exception {
    try (DataStream s = demoStream("cut.bin", 3)) {
      DataStreamServer server = new DataStreamServer(s, ServerConfig.loopback());
      server.start();
      String addr = "127.0.0.1:" + server.port();
      java.util.concurrent.CompletableFuture<CliRun> run = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> CliRun.of("datastream", "client", "--server", addr, "--from", "0", "--sanity-check", "--progress-interval-s", "0"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (server.clientCount() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(300);
      server.close();
      CliRun r = run.get(30, TimeUnit.SECONDS);
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.out()).contains("SANITY CHECK: received=12, gaps=0, repeats=0, last=11, OK");
      assertThat(r.err()).startsWith("error: stream from " + addr + " ended: connection to " + addr
          + " lost: the server closed the connection");
    }
  }

  @Test
  void serverErrorsNameTheFileTheAddressAndThePort() throws Exception {
    CliRun isDir = CliRun.of("datastream", "server", "--file", dir.toString(), "--port", "0", "--metrics-port", "-1");
    assertThat(isDir.exit()).isEqualTo(1);
    assertThat(isDir.err()).startsWith("error: cannot open stream file " + dir + ": it is a directory");

    CliRun noParent = CliRun.of("datastream", "server", "--file", dir.resolve("no/such/s.bin").toString(), "--port", "0",
        "--metrics-port", "-1");
    assertThat(noParent.err()).startsWith("error: cannot create stream file " + dir.resolve("no/such/s.bin")
        + ": directory " + dir.resolve("no/such") + " does not exist");

    CliRun dumpDir = CliRun.of("datastream", "dump", dir.toString());
    assertThat(dumpDir.err()).startsWith("error: cannot read stream file " + dir + ": it is a directory");

    CliRun badBind = CliRun.of("datastream", "server", "--file", dir.resolve("b.bin").toString(), "--port", "0",
        "--metrics-port", "-1", "--bind", "no-such-host.invalid");
    assertThat(badBind.err()).startsWith("error: data stream server: cannot listen on no-such-host.invalid:0: unknown address");

    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      CliRun inUse = CliRun.of("datastream", "server", "--file", dir.resolve("c.bin").toString(), "--bind", "127.0.0.1",
          "--port", Integer.toString(port), "--metrics-port", "-1");
      assertThat(inUse.exit()).isEqualTo(1);
      assertThat(inUse.err()).startsWith("error: data stream server: cannot listen on 127.0.0.1:" + port + ": port " + port
          + " is already in use");
      CliRun metricsInUse = CliRun.of("datastream", "server", "--file", dir.resolve("d.bin").toString(), "--bind",
          "127.0.0.1", "--port", "0", "--metrics-port", Integer.toString(port));
      assertThat(metricsInUse.exit()).isEqualTo(1);
      assertThat(metricsInUse.err()).startsWith("error: metrics endpoint: cannot listen on 127.0.0.1:" + port + ": port "
          + port + " is already in use");
    }

    CliRun zero = CliRun.of("datastream", "server", "--file", dir.resolve("e.bin").toString(), "--write-timeout-ms", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).startsWith("invalid value for option '--write-timeout-ms': 0 (allowed: 1..86400000 ms)");
    Path never = dir.resolve("never.bin");
    for (String[] opt : new String[][] {{"--stream-type", "-1", "0..2147483647"}, {"--demo-rate", "0", "more than 0"},
        {"--demo-rate", "NaN", "more than 0"}, {"--metrics-port", "-2", "0..65535, or -1"}, {"--max-clients", "0", "1 or more"}}) {
      CliRun r = CliRun.of("datastream", "server", "--file", never.toString(), "--port", "0", opt[0], opt[1]);
      assertThat(r.exit()).as("%s %s", opt[0], opt[1]).isEqualTo(2);
      assertThat(r.err()).startsWith("invalid value for option '" + opt[0] + "': " + opt[1] + " (allowed: " + opt[2]);
      assertThat(r.out()).as("refused before listening").doesNotContain("listening");
    }
    assertThat(never).as("refused before creating the file").doesNotExist();
    CliRun upstream = CliRun.of("datastream", "relay", "--upstream", "nocolon", "--file", never.toString());
    assertThat(upstream.exit()).isEqualTo(2);
    assertThat(upstream.err()).startsWith("invalid value for option '--upstream': nocolon (allowed: HOST:PORT");
    CliRun buf = CliRun.of("datastream", "relay", "--upstream", "127.0.0.1:1", "--file", dir.resolve("f.bin").toString(),
        "--socket-send-buffer", "100");
    assertThat(buf.exit()).isEqualTo(2);
    assertThat(buf.err()).startsWith("invalid value for option '--socket-send-buffer': 100 (allowed: 8192..16777216 bytes)");
  }

  @Test
  void sanityCheckPrintsProgressAndTheSummaryWhenStoppedBySignal() throws Exception {
    try (DataStream s = demoStream("p.bin", 10); DataStreamServer server = new DataStreamServer(s, ServerConfig.loopback())) {
      server.start();
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "-Xmx128m", dev.zisk4j.cli.Main.class.getName(),
          "datastream", "client", "--server", "127.0.0.1:" + server.port(), "--from", "0", "--sanity-check",
          "--progress-interval-s", "1");
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
          if (line.startsWith("progress:")) {
            p.toHandle().destroy(); // SIGTERM, as `timeout` would (Ctrl-C runs the same hook); keeps our pipe open
          }
        }
      }
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("progress: received=40, gaps=0, repeats=0, last=39"));
      assertThat(lines).last().asString().isEqualTo("SANITY CHECK: received=40, gaps=0, repeats=0, last=39, OK");
      assertThat(lines.stream().filter(l -> l.startsWith("SANITY CHECK"))).hasSize(1);
    }
  }

  @Test
  void theServerProcessLogsConnectsAndDisconnectsAtItsDefaultLevel() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx128m", dev.zisk4j.cli.Main.class.getName(),
        "datastream", "server", "--file", dir.resolve("l.bin").toString(), "--bind", "127.0.0.1", "--port", "0",
        "--metrics-port", "-1", "--durability", "os");
    pb.environment().remove("ZISK4J_LOG_LEVEL");
    pb.redirectError(dir.resolve("server.err").toFile());
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      int port = port(out.readLine(), "listening on port (\\d+)");
      CliRun h = CliRun.of("datastream", "client", "--server", "127.0.0.1:" + port, "--header");
      assertThat(h.exit()).isZero();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String err = "";
      while (!err.contains("disconnected: peer_closed") && System.nanoTime() < deadline) {
        Thread.sleep(50);
        err = Files.readString(dir.resolve("server.err"));
      }
      assertThat(err).containsPattern("INFO .* client /127\\.0\\.0\\.1:\\d+ connected \\(1 clients\\)")
          .containsPattern("INFO .* client /127\\.0\\.0\\.1:\\d+ disconnected: peer_closed");
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void metricsListenOnTheBindAddressAndExportJvmAndProcessMeters() throws Exception {
    ServerCommand cmd = new ServerCommand();
    CommandLine cl = new CommandLine(cmd);
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.parseArgs("--file", dir.resolve("m.bin").toString(), "--port", "0", "--metrics-port", "0",
        "--bind", "127.0.0.2", "--durability", "os");
    cmd.env = Map.of();
    try (Running r = cmd.start()) {
      int metrics = port(out.toString(), "http://127\\.0\\.0\\.2:(\\d+)/metrics");
      HttpResponse<String> m = get("http://127.0.0.2:" + metrics + "/metrics");
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.body()).contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads")
          .contains("process_cpu_usage").contains("process_uptime_seconds").contains("process_files_open_files")
          .contains("datastream_clients");
      try (Socket other = new Socket()) {
        other.connect(new InetSocketAddress("127.0.0.1", metrics), 2000);
        throw new AssertionError("metrics endpoint answers on 127.0.0.1 although --bind is 127.0.0.2");
      } catch (ConnectException expected) {
        // bound to --bind only
      }
    }
  }

  @Test
  void relayHealthReflectsItsUpstreamAndItsDefaultsDoNotClashWithAServer() throws Exception {
    CliRun help = CliRun.of("datastream", "relay", "--help");
    assertThat(help.out().replaceAll("\\s+", " ")).contains("relay 7900").contains("relay 9093");
    assertThat(RelayCommand.DEFAULT_PORT).isNotEqualTo(ServerConfig.DEFAULT_PORT);
    assertThat(RelayCommand.DEFAULT_METRICS_PORT).isNotEqualTo(dev.zisk4j.datastream.server.MetricsEndpoint.DEFAULT_PORT);

    DataStream s = demoStream("up.bin", 3);
    DataStreamServer upstream = new DataStreamServer(s, ServerConfig.loopback());
    upstream.start();
    int upPort = upstream.port();
    RelayCommand cmd = new RelayCommand();
    CommandLine cl = new CommandLine(cmd);
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.parseArgs("--upstream", "127.0.0.1:" + upPort, "--file", dir.resolve("r.bin").toString(),
        "--port", "0", "--metrics-port", "0", "--bind", "127.0.0.1", "--durability", "os");
    cmd.env = Map.of();
    try (Running r = new Running()) {
      cmd.start(r);
      int metrics = port(out.toString(), "127\\.0\\.0\\.1:(\\d+)/metrics");
      assertThat(get("http://127.0.0.1:" + metrics + "/health").statusCode()).isEqualTo(200);
      upstream.close();
      s.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      HttpResponse<String> h = get("http://127.0.0.1:" + metrics + "/health");
      while (h.statusCode() == 200 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        h = get("http://127.0.0.1:" + metrics + "/health");
      }
      assertThat(h.statusCode()).isEqualTo(503);
      assertThat(h.body()).startsWith("upstream 127.0.0.1:" + upPort + " ");
    }
  }

  @Test
  void dumpRefusesNegativeValuesWithOneLine() throws Exception {
    try (DataStream s = demoStream("n.bin", 1)) {
      // closed: dump reads the file
    }
    for (String[] opt : new String[][] {{"--from", "-1"}, {"--count", "-2"}, {"--max-data", "-3"}}) {
      CliRun r = CliRun.of("datastream", "dump", dir.resolve("n.bin").toString(), opt[0], opt[1]);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).startsWith("invalid value for option '" + opt[0] + "': " + opt[1] + " (allowed: 0 or more");
    }
  }

  @Test
  void dumpStatesTheOneWayBookmarkLimit() throws Exception {
    try (DataStream s = demoStream("b.bin", 2)) {
      // closed below, dump reads the file
    }
    CliRun r = CliRun.of("datastream", "dump", dir.resolve("b.bin").toString(), "--bookmarks", "--max-data", "0");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("bookmark 000000000000000000 -> 0")
        .contains("a Go zkevm-data-streamer server opening this file finds none of them");
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int port(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertThat(m.find()).as("output: %s", out).isTrue();
    return Integer.parseInt(m.group(1));
  }
}

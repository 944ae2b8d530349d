package dev.zisk4j.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.cli.Main;
import dev.zisk4j.cli.datastream.Running;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** zisk4j coordinator, worker and cluster *, through the real command tree, on loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterCliTest {
  static final String FIB = "../examples/guests/fib.zasm";

  @TempDir Path dir;

  /** A coordinator started through the command tree: its output and what to close. */
  record Coordinator(Running running, String out, String url) {}

  Coordinator coordinator(Map<String, String> env, String... args) throws Exception {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    String[] all = new String[args.length + 1];
    all[0] = "coordinator";
    System.arraycopy(args, 0, all, 1, args.length);
    cl.parseArgs(all);
    CoordinatorCommand cmd = cl.getSubcommands().get("coordinator").getCommand();
    cmd.env = env;
    Running r = cmd.start();
    String url = out.toString().replaceAll("(?s).*coordinator listening on (http://[0-9.:]+).*", "$1");
    return new Coordinator(r, out.toString(), url);
  }

  @Test
  void coordinatorServesMetricsOnItsHost() throws Exception {
    Coordinator c = coordinator(Map.of(), "--port", "0", "--metrics-port", "0");
    try (Running ignored = c.running()) {
      String metrics = c.out().replaceAll("(?s).*metrics on (http://[0-9.:]+/metrics).*", "$1");
      assertThat(metrics).startsWith("http://127.0.0.1:");
      var http = java.net.http.HttpClient.newHttpClient();
      var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(metrics)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("coordinator_workers_connected 0.0").contains("jvm_memory_used_bytes");
      var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          metrics.replace("/metrics", "/health"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  static byte[] record(long... words) {
    ByteBuffer b = ByteBuffer.allocate(8 * (words.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(8L * words.length);
    for (long w : words) {
      b.putLong(w);
    }
    return b.array();
  }

  static void await(Duration limit, java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + limit);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void coordinatorWorkerAndAdminCommandsDriveARealJob() throws Exception {
    Path toml = Files.writeString(dir.resolve("coordinator.toml"), "log-rows = 11\nheartbeat-ms = 500\n");
    Coordinator c = coordinator(Map.of("ZISK4J_COORDINATOR_LOG_ROWS", "12"), "--config", toml.toString(),
        "--port", "0", "--program", FIB);
    try (Running ignored = c.running()) {
      // environment beats the file, the flag beats both (--port), the file beats the default (heartbeat)
      assertThat(c.out()).contains("segments: 2^12 rows, conjectured-100").contains("registered: hash_id ");
      String url = c.url();
      CompletableFuture<CliRun> worker = CompletableFuture.supplyAsync(() -> CliRun.of("worker", "--coordinator", url,
          "--capacity", "1", "--engine-threads", "1", "--heartbeat-ms", "500", "--id", "w1"));
      await(Duration.ofSeconds(20), () -> CliRun.of("cluster", "workers", "--url", url).out().contains("w1"));

      CliRun status = CliRun.of("cluster", "status", "--url", url);
      assertThat(status.exit()).as(status.err()).isZero();
      assertThat(status.out()).contains("health").contains("SERVING").contains("1 (1 idle, 0 busy)");
      CliRun workers = CliRun.of("cluster", "workers", "--url", url);
      assertThat(workers.out()).startsWith("PROVER_ID").contains("w1").contains("IDLE");
      assertThat(CliRun.of("cluster", "workers", "--url", url, "--json").out()).contains("\"prover_id\": \"w1\"")
          .contains("\"compute_units\": 1");

      Path in = Files.write(dir.resolve("in.bin"), record(90));
      CliRun launch = CliRun.of("cluster", "launch", "--url", url, "--input-data", in.toString(), "--block", "b7");
      assertThat(launch.exit()).as(launch.err()).isZero();
      String job = launch.out().trim();
      assertThat(job).matches("[0-9a-f-]{36}");
      await(Duration.ofSeconds(60), () -> CliRun.of("cluster", "job", job, "--url", url).out().contains("COMPLETED"));
      CliRun one = CliRun.of("cluster", "job", job, "--url", url);
      assertThat(one.out()).contains("block_id").contains("b7").contains("1/1 proved").contains("w1");
      assertThat(CliRun.of("cluster", "job", job, "--url", url, "--json").out()).contains("\"state\": \"COMPLETED\"");
      assertThat(CliRun.of("cluster", "jobs", "--url", url).out()).doesNotContain(job);
      assertThat(CliRun.of("cluster", "jobs", "--all", "--url", url).out()).startsWith("JOB_ID").contains(job)
          .contains("COMPLETED");

      CliRun cancel = CliRun.of("cluster", "cancel", job, "--url", url);
      assertThat(cancel.exit()).isZero();
      assertThat(cancel.out()).contains("already finished");
      CliRun unknown = CliRun.of("cluster", "job", "no-such-job", "--url", url);
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err()).contains("JOB_NOT_FOUND");
      assertThat(CliRun.of("cluster", "cancel", "no-such-job", "--url", url).exit()).isEqualTo(1);
      CliRun noFolder = CliRun.of("cluster", "launch", "--url", url, "--input", "../etc/passwd");
      assertThat(noFolder.exit()).isEqualTo(1);
      assertThat(noFolder.err()).contains("INVALID_INPUT");

      CliRun drain = CliRun.of("cluster", "drain", "w1", "--url", url, "--grace", "5");
      assertThat(drain.exit()).as(drain.err()).isZero();
      CliRun w = worker.get(30, TimeUnit.SECONDS);
      assertThat(w.exit()).as(w.err()).isZero();
      assertThat(w.out()).contains("registered as w1").contains("drained and stopped");
      assertThat(CliRun.of("cluster", "drain", "w1", "--url", url).exit()).isEqualTo(1);
    }
  }

  @Test
  void unreachableCoordinatorIsExitThreeAndBadUsageIsExitTwo() {
    CliRun down = CliRun.of("cluster", "status", "--url", "http://127.0.0.1:1");
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).contains("unreachable").doesNotContain("Exception");
    for (String[] args : new String[][] {
        {"cluster", "jobs", "--limit", "-1"},
        {"cluster", "job"},
        {"cluster", "status", "--url", "https://127.0.0.1:8080"},
        {"cluster", "status", "--url", "http://127.0.0.1"},
        {"cluster", "launch", "--input", "a", "--input-data", "b"},
        {"cluster", "drain", "w", "--grace", "0"},
        {"cluster", "nope"},
        {"cluster"},
        {"worker"},
        {"worker", "--coordinator", "ftp://x:1"},
        {"worker", "--coordinator", "127.0.0.1:1", "--capacity", "0"},
        {"coordinator", "--security", "weak"},
        {"coordinator", "--log-rows", "99"},
        {"coordinator", "--metrics-port", "70000"},
        {"coordinator", "--log-format", "xml"},
        {"cluster", "local", "--workers", "0"}}) {
      CliRun r = CliRun.of(args);
      assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
      assertThat(r.err()).contains("--help");
    }
    for (String cmd : new String[] {"coordinator", "worker", "cluster", "cluster local", "cluster status",
        "cluster jobs", "cluster job", "cluster workers", "cluster launch", "cluster cancel", "cluster drain"}) {
      String[] args = (cmd + " --help").split(" ");
      CliRun r = CliRun.of(args);
      assertThat(r.exit()).as(cmd).isZero();
      assertThat(r.out()).as(cmd).contains("Usage: zisk4j " + cmd);
    }
  }

  @Test
  void clusterLocalPrintsTheUrlAndServesWorkers() throws Exception {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.parseArgs("cluster", "local", "--workers", "2", "--port", "0", "--log-rows", "12", "--engine-threads", "1");
    ClusterLocalCommand cmd = cl.getSubcommands().get("cluster").getSubcommands().get("local").getCommand();
    try (Running ignored = cmd.start()) {
      String text = out.toString();
      assertThat(text).containsPattern("coordinator: http://127\\.0\\.0\\.1:\\d+\n")
          .contains("zisk4j prove examples/guests/fib.zasm --u64 90 --cluster http://127.0.0.1:")
          .contains("Ctrl-C");
      String url = text.replaceAll("(?s).*coordinator: (http://[0-9.:]+).*", "$1");
      CliRun workers = CliRun.of("cluster", "workers", "--url", url);
      assertThat(workers.out()).contains("local-1").contains("local-2");
    }
  }

  @Test
  void proveExecuteAndVerifyOnTheClusterMatchTheEmbeddedCommands() throws Exception {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.parseArgs("cluster", "local", "--workers", "2", "--port", "0", "--log-rows", "12", "--engine-threads", "1");
    ClusterLocalCommand cmd = cl.getSubcommands().get("cluster").getSubcommands().get("local").getCommand();
    try (Running ignored = cmd.start()) {
      String url = out.toString().replaceAll("(?s).*coordinator: (http://[0-9.:]+).*", "$1");
      Path remote = dir.resolve("p.bin");
      CliRun prove = CliRun.of("prove", FIB, "--u64", "90", "--cluster", url, "-o", remote.toString());
      assertThat(prove.exit()).as(prove.err()).isZero();
      assertThat(prove.out()).isEqualTo("2880067194370816120\n");
      assertThat(prove.err()).contains("proved ").contains(" on " + url + " (job ").contains("security");
      CliRun verify = CliRun.of("verify", FIB, remote.toString(), "--u64", "90");
      assertThat(verify.exit()).as(verify.err()).isZero();
      assertThat(verify.out()).isEqualTo("2880067194370816120\n");
      assertThat(verify.err()).contains("proof valid");

      // the same bytes as the embedded prover under the coordinator's options
      Path local = dir.resolve("e.bin");
      CliRun embedded = CliRun.of("prove", FIB, "--u64", "90", "--log-rows", "12", "--threads", "1", "-o",
          local.toString());
      assertThat(embedded.exit()).as(embedded.err()).isZero();
      assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(local));

      CliRun viaCluster = CliRun.of("verify", FIB, remote.toString(), "--u64", "90", "--cluster", url);
      assertThat(viaCluster.exit()).as(viaCluster.err()).isZero();
      CliRun wrongInput = CliRun.of("verify", FIB, remote.toString(), "--u64", "91", "--cluster", url);
      assertThat(wrongInput.exit()).isEqualTo(1);
      assertThat(wrongInput.err()).contains("proof rejected");

      CliRun exec = CliRun.of("execute", FIB, "--u64", "90", "--cluster", url);
      assertThat(exec.exit()).as(exec.err()).isZero();
      assertThat(exec.out()).isEqualTo(CliRun.of("execute", FIB, "--u64", "90").out());
      assertThat(exec.err()).contains("steps ").contains(url);

      CliRun localFlag = CliRun.of("prove", FIB, "--u64", "90", "--cluster", url, "--log-rows", "10", "-o",
          dir.resolve("x.bin").toString());
      assertThat(localFlag.exit()).isEqualTo(2);
      assertThat(localFlag.err()).contains("--log-rows cannot be used with --cluster").contains("--help");
      assertThat(CliRun.of("execute", FIB, "--cluster", "https://" + url.substring(7)).exit()).isEqualTo(2);
      Path bad = Files.writeString(dir.resolve("loop.zasm"), "l: jmp l\n");
      CliRun fault = CliRun.of("execute", bad.toString(), "--cluster", url);
      assertThat(fault.exit()).as(fault.err()).isEqualTo(1);
      assertThat(fault.err().strip().lines()).hasSize(1);
    }
    CliRun down = CliRun.of("execute", FIB, "--u64", "90", "--cluster", "http://127.0.0.1:1");
    assertThat(down.exit()).as(down.err()).isEqualTo(3);
    assertThat(down.err().strip().lines()).hasSize(1);
  }
}

package dev.zisk4j.cli.proverservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.cli.Main;
import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import java.math.BigInteger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The server command and every client subcommand, over a real server on loopback. */
class ProverServiceCliTest {
  /** prover-service's test guest (not a rollup: it folds its tape into four words). */
  static final Path FOLD4 = Path.of("../prover-service/src/test/resources/guests/fold4.zasm");
  /** A request over a real tree: accounts 1 and 2 hold 1000 each; account 1 pays 2 ten. */
  static String input(int batchNum) {
    MemoryNodeStore store = new MemoryNodeStore();
    SparseMerkleTree tree = new SparseMerkleTree(store);
    SmtKeys keys = new SmtKeys();
    Hash4 root = Hash4.ZERO;
    for (int i = 1; i <= 2; i++) {
      root = tree.set(root, keys.balance(BigInteger.valueOf(0xa0L).shiftLeft(152).add(BigInteger.valueOf(i))),
          BigInteger.valueOf(1000));
    }
    String batch = "01" + "0001" + "a0" + "00".repeat(18) + "01" + "a0" + "00".repeat(18) + "02"
        + "000000000000000a" + "0000000000000000";
    return ProtoJson.write(InputProver.newBuilder()
        .setPublicInputs(PublicInputs.newBuilder().setOldStateRoot(root.toString())
            .setSequencerAddr("0x" + "55".repeat(20)).setChainId(1000).setBatchNum(batchNum).setEthTimestamp(1_700_000_000L))
        .setGlobalExitRoot("0x09").setBatchL2Data("0x" + batch)
        .putAllDb(NodeText.encodeReachable(root, store)).build());
  }

  static final String INPUT = input(7);

  @TempDir Path dir;

  @Test
  void serveProveFetchVerifyAndCancel() throws Exception {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.parseArgs("prover-service", "--port", "0", "--bind", "127.0.0.1", "--metrics-port", "0", "--data-dir",
        dir.resolve("data").toString(), "--guest", FOLD4.toString(), "--segment-rows", "10", "--threads", "2");
    ProverServiceCommand cmd = cl.getSubcommands().get("prover-service").getCommand();
    try (ProverServiceCommand.Started s = cmd.start()) {
      assertThat(out.toString()).contains("prover-service listening on port " + s.service().port())
          .contains("security conjectured-100").contains("ready");
      String server = "127.0.0.1:" + s.service().port();
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + s.metrics().port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      CliRun status = CliRun.of("zkprover", "status", "--server", server);
      assertThat(status.exit()).isZero();
      assertThat(status.out()).contains("\"state\": \"STATUS_PROVER_IDLE\"").contains("\"versionProto\": \"v0_0_1\"");

      Path in = Files.writeString(dir.resolve("in.json"), INPUT);
      CliRun gen = CliRun.of("zkprover", "gen-proof", in.toString(), "--server", server);
      assertThat(gen.exit()).as(gen.err()).isZero();
      String id = gen.out().replaceAll("(?s).*\"id\": \"([0-9a-f-]{36})\".*", "$1");
      assertThat(id).hasSize(36);

      Path proof = dir.resolve("proof.json");
      CliRun get = CliRun.of("zkprover", "get-proof", "--id", id, "--wait", "--server", server, "-o", proof.toString());
      assertThat(get.exit()).as(get.err()).isZero();
      assertThat(get.out()).contains("RESULT_GET_PROOF_COMPLETED_OK").contains("inputHash");
      assertThat(get.err()).contains("saved with the response to " + proof);

      CliRun verify = CliRun.of("zkprover", "verify", proof.toString(), "--input", in.toString(), "--guest", FOLD4.toString());
      assertThat(verify.exit()).as(verify.err()).isZero();
      assertThat(verify.out()).startsWith("valid: applying the batch of 1 transfer(s)");
      // A default-profile proof (about 58 proven bits) is not worth what proven-100 demands.
      CliRun strict = CliRun.of("zkprover", "verify", proof.toString(), "--input", in.toString(), "--guest", FOLD4.toString(),
          "--security", "proven-100");
      assertThat(strict.exit()).isEqualTo(1);
      assertThat(strict.err()).contains("proof rejected: the bundle does not verify").contains("INSECURE_CONFIG")
          .contains("policy minimum=100");
      CliRun typo = CliRun.of("zkprover", "verify", proof.toString(), "--input", in.toString(), "--guest", FOLD4.toString(),
          "--security", "proven-128");
      assertThat(typo.exit()).isNotZero();
      assertThat(typo.err()).contains("unknown security profile: proven-128 (known: default, conjectured-100, proven-100)");
      // The same proof does not answer another request.
      Path other = Files.writeString(dir.resolve("other.json"), input(8));
      CliRun wrong = CliRun.of("zkprover", "verify", proof.toString(), "--input", other.toString(), "--guest", FOLD4.toString());
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.err()).contains("proof rejected: the proof's guest input is not this request's");

      CliRun cancelDone = CliRun.of("zkprover", "cancel", "--id", id, "--server", server);
      assertThat(cancelDone.exit()).isEqualTo(1);
      assertThat(cancelDone.err()).contains("RESULT_CANCEL_ERROR").contains("already finished");

      Path bad = Files.writeString(dir.resolve("bad.json"), INPUT.replace("\"chainId\": 1000", "\"chainId\": 0"));
      CliRun rejected = CliRun.of("zkprover", "gen-proof", bad.toString(), "--server", server);
      assertThat(rejected.exit()).isEqualTo(1);
      assertThat(rejected.err()).contains("RESULT_GEN_PROOF_ERROR: chain_id must not be 0");

      CliRun unknown = CliRun.of("zkprover", "get-proof", "--id", "nope", "--server", server);
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err()).contains("RESULT_GET_PROOF_ERROR: invalid UUID");

      CliRun exec = CliRun.of("zkprover", "execute", in.toString(), "--server", server);
      assertThat(exec.exit()).isEqualTo(1);
      assertThat(exec.out()).contains("newStateRoot");
      assertThat(exec.out()).contains("diffKeysValues");
      assertThat(exec.err()).contains("RESULT_EXECUTE_INTERNAL_ERROR").contains("the guest and the native transition disagree");
    }
  }

  @Test
  void aProvenHundredServerProvesWhatVerifySecurityProvenHundredAccepts() throws Exception {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.parseArgs("prover-service", "--port", "0", "--bind", "127.0.0.1", "--metrics-port", "-1", "--data-dir",
        dir.resolve("data").toString(), "--guest", FOLD4.toString(), "--segment-rows", "10", "--threads", "2",
        "--security", "proven-100");
    ProverServiceCommand cmd = cl.getSubcommands().get("prover-service").getCommand();
    try (ProverServiceCommand.Started s = cmd.start()) {
      assertThat(out.toString()).contains("security proven-100");
      String server = "127.0.0.1:" + s.service().port();
      Path in = Files.writeString(dir.resolve("in.json"), INPUT);
      CliRun gen = CliRun.of("zkprover", "gen-proof", in.toString(), "--server", server);
      String id = gen.out().replaceAll("(?s).*\"id\": \"([0-9a-f-]{36})\".*", "$1");
      Path proof = dir.resolve("proof.json");
      CliRun get = CliRun.of("zkprover", "get-proof", "--id", id, "--wait", "--server", server, "-o", proof.toString());
      assertThat(get.exit()).as(get.err()).isZero();
      CliRun verify = CliRun.of("zkprover", "verify", proof.toString(), "--input", in.toString(), "--guest",
          FOLD4.toString(), "--security", "proven-100");
      assertThat(verify.exit()).as(verify.err()).isZero();
      assertThat(verify.out()).startsWith("valid: applying the batch of 1 transfer(s)").contains("proven>=100");
    }
  }

  @Test
  void dbSelectsTheStoreAndABadOneIsAOneLineErrorWithoutThePassword() throws Exception {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    String url = "jdbc:h2:file:" + dir.resolve("elsewhere").toAbsolutePath() + "/requests;WRITE_DELAY=0";
    cl.parseArgs("prover-service", "--port", "0", "--bind", "127.0.0.1", "--metrics-port", "-1", "--data-dir",
        dir.resolve("unused").toString(), "--guest", FOLD4.toString(), "--segment-rows", "10", "--threads", "1",
        "--db", url);
    ProverServiceCommand cmd = cl.getSubcommands().get("prover-service").getCommand();
    try (ProverServiceCommand.Started s = cmd.start()) {
      assertThat(out.toString()).contains("store " + url);
      assertThat(Files.exists(dir.resolve("elsewhere").resolve("requests.mv.db"))).isTrue();
      assertThat(Files.exists(dir.resolve("unused"))).isFalse();
    }
    CliRun bad = CliRun.of("prover-service", "--port", "0", "--metrics-port", "-1", "--guest", FOLD4.toString(),
        "--db", "jdbc:postgresql://127.0.0.1:1/db?user=u&password=secret");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("cannot open the request store jdbc:postgresql://127.0.0.1:1/db?user=u&password=***")
        .doesNotContain("secret");
  }

  @Test
  void badFilesAndAddressesAreOneLineErrors() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.json"), "{\"publicInputs\": {\"bogus\": 1}}");
    CliRun r = CliRun.of("zkprover", "gen-proof", junk.toString(), "--server", "127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: ").contains("is not a InputProver in proto JSON");
    CliRun missing = CliRun.of("zkprover", "execute", dir.resolve("none.json").toString());
    assertThat(missing.err()).startsWith("error: cannot read InputProver");
    CliRun addr = CliRun.of("zkprover", "status", "--server", "http://x");
    assertThat(addr.err()).startsWith("error: --server must be HOST:PORT");
    CliRun down = CliRun.of("zkprover", "status", "--server", "127.0.0.1:1");
    assertThat(down.exit()).isEqualTo(1);
    assertThat(down.err()).startsWith("error: 127.0.0.1:1: UNAVAILABLE");
  }

  @Test
  void settingsComeFromFlagsThenEnvironmentThenTheTomlFile() throws Exception {
    Path toml = Files.writeString(dir.resolve("ps.toml"), "port = 0\nbind = \"127.0.0.1\"\nmetrics-port = -1\n"
        + "segment-rows = 10\nthreads = 1\nconcurrency = 3\nguest = \"" + FOLD4 + "\"\n");
    CommandLine cl = Main.newCommandLine();
    cl.parseArgs("prover-service", "--config", toml.toString(), "--concurrency", "2");
    ProverServiceCommand cmd = cl.getSubcommands().get("prover-service").getCommand();
    cmd.env = java.util.Map.of("ZISK4J_PROVER_SERVICE_DATA_DIR", dir.resolve("from-env").toString(),
        "ZISK4J_PROVER_SERVICE_CONCURRENCY", "5");
    try (ProverServiceCommand.Started s = cmd.start()) {
      assertThat(cmd.concurrency).isEqualTo(2);
      assertThat(cmd.dataDir).isEqualTo(dir.resolve("from-env"));
      assertThat(cmd.segmentRows).isEqualTo(10);
      assertThat(s.metrics()).isNull();
      assertThat(Files.exists(dir.resolve("from-env").resolve("requests.mv.db"))).isTrue();
    }
    Path typo = Files.writeString(dir.resolve("typo.toml"), "prot = 1\n");
    CliRun bad = CliRun.of("prover-service", "--config", typo.toString());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("unknown key 'prot'");
  }

  @Test
  void missingPartsFailLoudlyNamingWhatIsMissing() {
    // without --guest the server proves the rollup guest shipped in prover-service's jar
    assertThat(dev.zisk4j.proverservice.guest.RollupGuest.load().name()).isEqualTo("rollup.zasm");
    // --backend grpc://HOST:PORT is a real cluster backend since ProverClient.remote exists (sdk)
    CliRun bogus = CliRun.of("prover-service", "--guest", FOLD4.toString(), "--backend", "http://x");
    assertThat(bogus.err()).startsWith("error: --backend must be embedded or grpc://HOST:PORT");
  }
}

package dev.zisk4j.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.cli.Main;
import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.bincode.Bincode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

public class InputCommandsTest {
  @TempDir
  Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void encodeWritesOneRecordPerOptionInOrder() throws Exception {
    Path payload = dir.resolve("p.bin");
    Files.write(payload, new byte[] {9, 8, 7});
    Path out = dir.resolve("in.bin");
    CliRun r = run("input", "encode", "--u64", "3", "--string", "hi", "--u32", "0xFFFFFFFF", "--bytes-hex", "abcd",
        "--file", payload.toString(), "--i64", "-1", "--bool", "true", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote 7 records");
    try (InputReader in = InputReader.of(Files.readAllBytes(out))) {
      assertThat(in.read(Bincode.U64)).isEqualTo(3L);
      assertThat(in.read(Bincode.STRING)).isEqualTo("hi");
      assertThat(in.read(Bincode.U32)).isEqualTo(0xFFFF_FFFFL);
      assertThat(in.readSlice()).containsExactly(0xab, 0xcd);
      assertThat(in.readSlice()).containsExactly(9, 8, 7);
      assertThat(in.read(Bincode.I64)).isEqualTo(-1L);
      assertThat(in.read(Bincode.BOOL)).isTrue();
      assertThat(in.hasMore()).isFalse();
    }
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(out), 0, 32))
        .isEqualTo("0100000000000000" + "0300000000000000" + "0300000000000000" + "0268690000000000");
  }

  /** The framed bytes of --u64 3 --string hi --u64 251 (bincode varints: 251 is fb + u16 LE). */
  public static final String REPEATED_GOLDEN = "0100000000000000" + "0300000000000000"
      + "0300000000000000" + "0268690000000000"
      + "0300000000000000" + "fbfb000000000000"
      + "0100000000000000" + "0100000000000000";

  @Test
  void encodeTakesRepeatedAndInterleavedOptionsInOrder() throws Exception {
    Path out = dir.resolve("rep.bin");
    CliRun r = run("input", "encode", "--u64", "3", "--string", "hi", "--u64", "251", "--bool=true", "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote 4 records");
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(out))).isEqualTo(REPEATED_GOLDEN);
  }

  @Test
  void encodeRejectsBadValuesAsUsageErrors() {
    Path out = dir.resolve("x.bin");
    assertThat(run("input", "encode", "--u32", "4294967296", "-o", out.toString()).err())
        .startsWith("invalid value for option '--u32': 4294967296 (allowed: an integer 0..2^32-1");
    assertThat(run("input", "encode", "--u64", "-1", "-o", out.toString()).exit()).isEqualTo(2);
    assertThat(run("input", "encode", "--u64", "abc", "-o", out.toString()).err())
        .startsWith("invalid value for option '--u64': abc");
    assertThat(run("input", "encode", "--bytes-hex", "abc", "-o", out.toString()).err())
        .startsWith("invalid value for option '--bytes-hex': abc (allowed: an even number of hex digits");
    assertThat(run("input", "encode", "--bool", "yes", "-o", out.toString()).exit()).isEqualTo(2);
    assertThat(run("input", "encode", "--u64", "1").exit()).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  @Test
  void encodeWithAMissingFileFailsWithoutWritingOutput() {
    Path out = dir.resolve("x.bin");
    CliRun r = run("input", "encode", "--file", dir.resolve("missing").toString(), "-o", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("missing");
    assertThat(out).doesNotExist();
  }

  @Test
  void dumpPrintsOffsetLengthAndPreview() {
    Path f = dir.resolve("in.bin");
    assertThat(run("input", "encode", "--u64", "3", "--bytes-hex", "00112233445566778899aabbccddeeff0011",
        "-o", f.toString()).exit()).isZero();
    CliRun r = run("input", "dump", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("0\\s+1\\s+03")
        .containsPattern("16\\s+18\\s+00112233445566778899aabbccddeeff…")
        .contains("2 records, 48 bytes");
  }

  @Test
  void dumpOfATruncatedFileReportsTheOffset() throws Exception {
    Path f = dir.resolve("bad.bin");
    Files.write(f, HexFormat.of().parseHex("0100000000000000" + "0100000000000000" + "09000000"));
    CliRun r = run("input", "dump", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("truncated record header").contains("offset=16");
    assertThat(r.out()).containsPattern("0\\s+1\\s+01");
  }

  @Test
  void sendAndReceiveOverAUnixSocket() throws Exception {
    Path in = dir.resolve("in.bin");
    assertThat(run("input", "encode", "--u64", "42", "--string", "stream me", "-o", in.toString()).exit()).isZero();
    Path sock = Path.of("/tmp", "zisk4j-cli-" + UUID.randomUUID() + ".sock");
    Path out = dir.resolve("out.bin");
    CompletableFuture<CliRun> sender = CompletableFuture.supplyAsync(
        () -> run("input", "send", "--uri", "unix://" + sock, "--connect-timeout", "20", in.toString()));
    CliRun recv = run("input", "receive", "--uri", "unix://" + sock, "--connect-timeout", "20", "-o", out.toString());
    CliRun send = sender.get(30, TimeUnit.SECONDS);
    assertThat(send.exit()).as(send.err()).isZero();
    assertThat(recv.exit()).as(recv.err()).isZero();
    assertThat(recv.out()).contains("received 2 records");
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
    assertThat(sock).doesNotExist();
  }

  @Test
  void sendAndReceiveOverQuic() throws Exception {
    Path in = dir.resolve("in.bin");
    assertThat(run("input", "encode", "--u64", "42", "--string", "over quic", "-o", in.toString()).exit()).isZero();
    int port;
    try (var probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String uri = "quic://127.0.0.1:" + port;
    Path out = dir.resolve("out.bin");
    CompletableFuture<CliRun> sender = CompletableFuture.supplyAsync(
        () -> run("input", "send", "--uri", uri, "--connect-timeout", "20", in.toString()));
    CliRun recv = run("input", "receive", "--uri", uri, "--connect-timeout", "20", "-o", out.toString());
    CliRun send = sender.get(30, TimeUnit.SECONDS);
    assertThat(send.exit()).as(send.err()).isZero();
    assertThat(recv.exit()).as(recv.err()).isZero();
    assertThat(recv.out()).contains("received 2 records");
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
  }

  @Test
  void sendRefusesAMalformedFileAndUnsupportedSchemes() throws Exception {
    Path bad = dir.resolve("bad.bin");
    Files.write(bad, HexFormat.of().parseHex("ffffffffffffffff"));
    Path sock = Path.of("/tmp", "zisk4j-cli-" + UUID.randomUUID() + ".sock");
    CliRun r = run("input", "send", "--uri", "unix://" + sock, "--connect-timeout", "1", bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("record length exceeds maximum");
    assertThat(run("input", "send", "--uri", "http://x", bad.toString()).err()).contains("unix://");
  }

  @Test
  void receiveFromNobodyTimesOutAndLeavesNoFile() {
    Path out = dir.resolve("out.bin");
    CliRun r = run("input", "receive", "--uri", "unix:///tmp/zisk4j-nobody-" + UUID.randomUUID() + ".sock",
        "--connect-timeout", "0", "-o", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("deadline");
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyInputSubcommandHasHelp() {
    for (String sub : new String[] {"encode", "dump", "send", "receive"}) {
      CliRun r = run("input", sub, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Usage: zisk4j input " + sub);
    }
  }
}

package dev.zisk4j.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.io.ZiskStdin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** execute, prove and verify share one input option group with the same rules (issue 13 items 3, 4). */
class EngineInputOptionsTest {
  @TempDir
  Path dir;

  private Path small(String name) throws Exception {
    Path p = dir.resolve(name + "-64.zasm");
    Files.writeString(p, ".memory 64\n" + Files.readString(EngineCommandsTest.guest(name)));
    return p;
  }

  @Test
  @Timeout(120)
  void proveThenVerifyWithEachKindOfInputOption() throws Exception {
    String fib = small("fib").toString();
    Path framed = dir.resolve("in.bin");
    ZiskStdin stdin = new ZiskStdin();
    stdin.writeSlice(new byte[] {90, 0, 0, 0, 0, 0, 0, 0});
    stdin.save(framed);
    List<List<String>> kinds = List.of(
        List.of("--u64", "90"),
        List.of("--record-u64", "90"),
        List.of("--input", framed.toString()),
        List.of("--input-uri", framed.toUri().toString()));
    for (List<String> kind : kinds) {
      Path proof = dir.resolve("p" + kind.getFirst() + ".jzkb");
      CliRun p = CliRun.of(concat(List.of("prove", fib, "-o", proof.toString(), "--log-rows", "10", "--threads", "1"), kind));
      assertThat(p.exit()).as(kind + ": " + p.err()).isZero();
      assertThat(p.out().trim()).as(kind.toString()).isEqualTo("2880067194370816120");
      CliRun v = CliRun.of(concat(List.of("verify", fib, proof.toString()), kind));
      assertThat(v.exit()).as(kind + ": " + v.err()).isZero();
      assertThat(v.out().trim()).as(kind.toString()).isEqualTo("2880067194370816120");
      CliRun e = CliRun.of(concat(List.of("execute", fib), kind));
      assertThat(e.exit()).as(kind + ": " + e.err()).isZero();
      assertThat(e.out().trim()).as(kind.toString()).isEqualTo("2880067194370816120");
      // and the verifier binds the input: another value is refused
      CliRun wrong = CliRun.of("verify", fib, proof.toString(), "--u64", "91");
      assertThat(wrong.exit()).as(kind.toString()).isEqualTo(1);
    }
    CliRun waits = CliRun.of("execute", fib, "--input-uri", framed.toUri().toString());
    assertThat(waits.err()).contains("for a producer at " + framed.toUri());
  }

  @Test
  @Timeout(20)
  void inputUriWithAnotherInputOptionIsRefusedAtOnce() throws Exception {
    String fib = small("fib").toString();
    String uri = "unix://" + dir.resolve("nobody.sock");
    Path proof = dir.resolve("p.jzkb");
    for (String cmd : new String[] {"prove", "verify", "execute"}) {
      List<String> head = switch (cmd) {
        case "prove" -> List.of("prove", fib, "-o", proof.toString());
        case "verify" -> List.of("verify", fib, proof.toString());
        default -> List.of("execute", fib);
      };
      for (List<String> other : List.of(List.of("--input", fib), List.of("--u64", "1"), List.of("--end-of-input"))) {
        long t0 = System.nanoTime();
        CliRun r = CliRun.of(concat(join(head, List.of("--input-uri", uri)), other));
        assertThat(r.exit()).as(cmd + " " + other).isEqualTo(2);
        assertThat(r.err()).as(cmd + " " + other).startsWith("--input-uri takes no other input option").doesNotContain("waiting");
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
      }
    }
  }

  @Test
  @Timeout(60)
  void proveChecksThreadsOutputAndLengthBeforeProving() throws Exception {
    String fib = small("fib").toString();
    Path proof = dir.resolve("p.jzkb");
    for (String t : new String[] {"-1", "100000"}) {
      CliRun r = CliRun.of("prove", fib, "-o", proof.toString(), "--u64", "5", "--threads", t);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).startsWith("invalid value for option '--threads': " + t + " (allowed: 0..1024");
    }
    for (String out : new String[] {dir.toString(), dir.resolve("no/such/dir/x").toString()}) {
      CliRun r = CliRun.of("prove", fib, "-o", out, "--u64", "5", "--log-rows", "10");
      assertThat(r.exit()).as(out).isEqualTo(2);
      assertThat(r.err()).as(out).startsWith("invalid value for option '--output': " + out).doesNotContain("%]");
    }
    CliRun runaway = CliRun.of("prove", fib, "-o", proof.toString(), "--record-u64", "1000000000000", "--log-rows", "10",
        "--max-segments", "3", "--threads", "1");
    assertThat(runaway.exit()).isEqualTo(1);
    assertThat(runaway.err()).contains("guest did not halt within --max-segments=3 segments of 2^10 rows")
        .doesNotContain("\tat ");
    assertThat(proof).doesNotExist();
    CliRun badMax = CliRun.of("prove", fib, "-o", proof.toString(), "--max-segments", "0");
    assertThat(badMax.exit()).isEqualTo(2);
    assertThat(badMax.err()).startsWith("invalid value for option '--max-segments': 0");
  }

  /** A live input is checked like a file: a truncated record or non-zero padding fails, naming the offset. */
  @Test
  @Timeout(60)
  void liveInputIsCheckedLikeFileInput() throws Exception {
    String sum = small("sum").toString();
    java.util.HexFormat hex = java.util.HexFormat.of();
    String[][] cases = {
        {"0300000000000000" + "0268690000010000", "non-zero record padding: byte=1, recordOffset=0 (offset=13)"},
        {"1000000000000000" + "0100000000000000", "truncated record payload: length=16, received=8, missing=8 bytes (offset=0)"},
    };
    for (String[] c : cases) {
      Path bad = dir.resolve("bad.bin");
      Files.write(bad, hex.parseHex(c[0]));
      Path proof = dir.resolve("bad.jzkb");
      CliRun p = CliRun.of("prove", sum, "--input-uri", bad.toUri().toString(), "-o", proof.toString(),
          "--log-rows", "10", "--threads", "1");
      assertThat(p.exit()).as(c[1]).isEqualTo(1);
      assertThat(p.err()).contains(c[1]).doesNotContain("\tat ");
      assertThat(proof).doesNotExist();
      CliRun recv = CliRun.of("input", "receive", "--uri", bad.toUri().toString(), "-o", dir.resolve("r.bin").toString());
      assertThat(recv.err()).as("the same reader as input receive").contains(c[1]);
      Path anyProof = Files.write(dir.resolve("any.jzkb"), new byte[] {1, 2, 3});
      CliRun v = CliRun.of("verify", sum, anyProof.toString(), "--input-uri", bad.toUri().toString());
      assertThat(v.err()).contains(c[1]);
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }

  private static List<String> join(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}

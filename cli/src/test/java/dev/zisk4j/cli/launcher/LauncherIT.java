package dev.zisk4j.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command through the real launcher: a child JVM on the shaded jar, its stdout and stderr read
 * from the process (in-process tests capture picocli's writers and miss what a real exit drops).
 */
class LauncherIT {
  @TempDir
  Path dir;

  record Run(int exit, String out, String err) {}

  private Run zisk4j(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("zisk4j.jar", "target/zisk4j.jar")).toAbsolutePath();
    assertThat(jar).as("the shaded jar (built in package)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", args));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Path guest(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path g = p.resolve("examples/guests/" + name + ".zasm");
      if (Files.exists(g)) {
        return g;
      }
    }
    throw new IllegalStateException("examples/guests not found");
  }

  @Test
  @Timeout(300)
  void everyCommandPrintsToTheRealStdout() throws Exception {
    Run version = zisk4j("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("zisk4j 0.");

    Path img = dir.resolve("fib.jzkp");
    Run asm = zisk4j("asm", guest("fib").toString(), "-o", img.toString());
    assertThat(asm.exit()).as(asm.err()).isZero();
    assertThat(asm.out()).contains("instructions", "imageId ");

    Run disasm = zisk4j("disasm", img.toString());
    assertThat(disasm.exit()).as(disasm.err()).isZero();
    assertThat(disasm.out()).as("disasm's output reaches stdout").isNotBlank();
    Path back = dir.resolve("back.zasm");
    Files.writeString(back, disasm.out());
    Path img2 = dir.resolve("back.jzkp");
    assertThat(zisk4j("asm", back.toString(), "-o", img2.toString()).exit()).isZero();
    assertThat(Files.readAllBytes(img2)).isEqualTo(Files.readAllBytes(img));

    Run exec = zisk4j("execute", guest("fib").toString(), "--u64", "90");
    assertThat(exec.exit()).as(exec.err()).isZero();
    assertThat(exec.out().trim()).isEqualTo("2880067194370816120");

    Path in = dir.resolve("in.bin");
    Run enc = zisk4j("input", "encode", "--u64", "3", "--string", "hi", "--u64", "251", "-o", in.toString());
    assertThat(enc.exit()).as(enc.err()).isZero();
    assertThat(enc.out()).contains("wrote 3 records");
    Run dump = zisk4j("input", "dump", in.toString());
    assertThat(dump.exit()).as(dump.err()).isZero();
    assertThat(dump.out()).isNotBlank();

    Path small = dir.resolve("fib-64.zasm");
    Files.writeString(small, ".memory 64\n" + Files.readString(guest("fib")));
    Path proof = dir.resolve("p.jzkb");
    Run prove = zisk4j("prove", small.toString(), "--u64", "90", "-o", proof.toString(), "--log-rows", "10", "--threads", "1");
    assertThat(prove.exit()).as(prove.err()).isZero();
    assertThat(prove.out().trim()).isEqualTo("2880067194370816120");
    Run verify = zisk4j("verify", small.toString(), proof.toString(), "--u64", "90");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out().trim()).isEqualTo("2880067194370816120");
    assertThat(zisk4j("verify", small.toString(), proof.toString(), "--u64", "91").exit()).isEqualTo(1);

    Run help = zisk4j("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: zisk4j");
    Run cluster = zisk4j("cluster", "--help");
    assertThat(cluster.exit()).as(cluster.err()).isZero();
    assertThat(cluster.out()).contains("Usage: zisk4j cluster");
    Run unknown = zisk4j("frobnicate", "--help");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err().lines().count()).isEqualTo(1);
    Run bad = zisk4j("input", "encode", "--u64", "-1", "-o", in.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("invalid value for option '--u64': -1 (allowed: an integer 0..2^64-1, decimal or 0x hex); "
        + "see 'zisk4j input encode --help'" + System.lineSeparator());
  }
}

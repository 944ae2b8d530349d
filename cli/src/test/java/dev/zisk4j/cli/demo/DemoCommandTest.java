package dev.zisk4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void provesVerifiesAndSavesAProofThatVerifyAccepts(@TempDir Path dir) {
    Path proof = dir.resolve("demo.proof");
    assertThat(run("demo", "--records", "3", "--record-words", "64", "--log-rows", "10", "-o", proof.toString()))
        .as("stderr: %s", err).isZero();
    assertThat(out.toString()).contains("verified: yes").contains("segments:").contains("proof:");
    assertThat(proof).exists();
    Path input = dir.resolve("demo.proof.input");
    assertThat(input).exists();
    // The saved proof checks with the verify command, and a flipped byte does not.
    StringWriter vout = new StringWriter();
    CommandLine verify = Main.newCommandLine();
    verify.setOut(new PrintWriter(vout, true));
    verify.setErr(new PrintWriter(new StringWriter(), true));
    Path guest = dir.resolve("checksum.zasm");
    assertThat(run("demo", "--help")).isZero();
    try {
      Files.writeString(guest, new String(DemoCommand.class.getResourceAsStream("/guests/checksum.zasm").readAllBytes()));
      assertThat(verify.execute("verify", guest.toString(), proof.toString(), "--input", input.toString())).isZero();
      byte[] bytes = Files.readAllBytes(proof);
      bytes[bytes.length - 100] ^= 1;
      Files.write(proof, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CommandLine again = Main.newCommandLine();
    again.setOut(new PrintWriter(new StringWriter(), true));
    again.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(again.execute("verify", guest.toString(), proof.toString(), "--input", input.toString())).isEqualTo(1);
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertThat(run("demo", "--records", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("--records");
    assertThat(run("demo", "--log-rows", "30")).isEqualTo(1);
    assertThat(run("demo", "--guest", "nope")).isEqualTo(1);
    assertThat(err.toString()).contains("no example guest named nope");
    assertThat(run("demo", "--records", "x")).isEqualTo(2);
  }
}

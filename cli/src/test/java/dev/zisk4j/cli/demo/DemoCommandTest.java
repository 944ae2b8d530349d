package dev.zisk4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void provesVerifiesAndSavesAProofThatVerifyAccepts(@TempDir Path dir) throws IOException {
    Path proof = dir.resolve("demo.proof");
    CliRun demo = CliRun.of("demo", "--records", "3", "--record-words", "512", "--log-rows", "12", "-o", proof.toString());
    assertThat(demo.exit()).as("stderr: %s", demo.err()).isZero();
    assertThat(demo.out()).contains("verified: yes").contains("segments:").contains("proof:");
    // the progress lines count segments as the summary does: "commit segment i/K" with K = "segments: K"
    java.util.regex.Matcher summary = java.util.regex.Pattern.compile("segments: (\\d+)").matcher(demo.out());
    assertThat(summary.find()).isTrue();
    java.util.regex.Matcher progress = java.util.regex.Pattern.compile("segment (\\d+)/(\\d+)").matcher(demo.err());
    int lines = 0;
    while (progress.find()) {
      lines++;
      assertThat(progress.group(2)).as(demo.err()).isEqualTo(summary.group(1));
      assertThat(Integer.parseInt(progress.group(1))).isBetween(1, Integer.parseInt(summary.group(1)));
    }
    assertThat(lines).as(demo.err()).isPositive();
    Path input = dir.resolve("demo.proof.input");
    assertThat(proof).exists();
    assertThat(input).exists();

    // The saved proof checks with the verify command, and a flipped byte does not.
    Path guest = dir.resolve("checksum.zasm");
    try (InputStream in = DemoCommand.class.getResourceAsStream("/guests/checksum.zasm")) {
      Files.write(guest, in.readAllBytes());
    }
    assertThat(CliRun.of("verify", guest.toString(), proof.toString(), "--input", input.toString()).exit()).isZero();
    byte[] bytes = Files.readAllBytes(proof);
    bytes[bytes.length - 100] ^= 1;
    Files.write(proof, bytes);
    assertThat(CliRun.of("verify", guest.toString(), proof.toString(), "--input", input.toString()).exit()).isEqualTo(1);
  }

  @Test
  void badFlagsAreClearErrors() {
    CliRun noRecords = CliRun.of("demo", "--records", "0");
    assertThat(noRecords.exit()).isEqualTo(2);
    assertThat(noRecords.err()).startsWith("invalid value for option '--records': 0 (allowed: 1 or more)");
    CliRun rows = CliRun.of("demo", "--log-rows", "30");
    assertThat(rows.exit()).isEqualTo(2);
    assertThat(rows.err()).startsWith("invalid value for option '--log-rows': 30 (allowed: 12..20)");
    CliRun unknown = CliRun.of("demo", "--guest", "nope");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no example guest named nope");
    assertThat(CliRun.of("demo", "--records", "x").exit()).as("not a number").isEqualTo(2);
    assertThat(CliRun.of("demo", "--help").exit()).isZero();
  }
}

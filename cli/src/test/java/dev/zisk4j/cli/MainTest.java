package dev.zisk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  /** The last run's captured output. */
  private CliRun last;

  private int run(String... args) {
    last = CliRun.of(args);
    return last.exit();
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(run("--version")).isZero();
    assertThat(last.out()).startsWith("zisk4j 0.").contains("JVM 25");
  }

  @Test
  void helpListsUsage() {
    assertThat(run("--help")).isZero();
    assertThat(last.out()).contains("Usage: zisk4j");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-flag")).isEqualTo(2);
    assertThat(last.err()).contains("Unknown option");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine cl = Main.newCommandLine();
    cl.getSubcommands().forEach((name, sub) -> assertThat(sub.getCommandSpec().mixinStandardHelpOptions() || "help".equals(name))
        .as("subcommand %s has --help", name).isTrue());
  }

  @Test
  void unknownCommandIsAUsageErrorWhateverFlagsFollow() {
    for (String[] args : new String[][] {{"swarm"}, {"swarm", "--help"}, {"swarm", "-V"},
        {"datastream", "swarm", "--help"}}) {
      assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(last.out()).as(String.join(" ", args)).doesNotContain("Usage:");
      assertThat(last.err()).as(String.join(" ", args)).contains("swarm").contains("--help'");
      assertThat(last.err().lines().count()).as(String.join(" ", args)).isEqualTo(1);
    }
  }

  @Test
  void aBadValueIsOneLineWithOneHintAndNoJavaInternals() {
    String[][] cases = { // the option at fault, then the command line
        {"--u64", "input", "encode", "--u64", "-1", "-o", "x.bin"},
        {"--bool", "input", "encode", "--bool", "yes", "-o", "x.bin"},
        {"--u32", "execute", "p.zasm", "--u32", "4294967296"},
        {"--i64", "prove", "p.zasm", "-o", "p.bin", "--i64", "0x8000000000000000"},
        {"--bytes-hex", "verify", "p.zasm", "p.bin", "--bytes-hex", "abc"},
        {"--threads", "prove", "p.zasm", "-o", "p.bin", "--threads", "x"},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      String what = String.join(" ", args);
      assertThat(run(args)).as(what).isEqualTo(2);
      assertThat(last.err().lines().count()).as(what + ": " + last.err()).isEqualTo(1);
      assertThat(last.err()).as(what).containsIgnoringCase("value for option '" + c[0] + "'")
          .contains("; see 'zisk4j " + args[0]).doesNotContain("java.").doesNotContain("Usage:")
          .doesNotContain("Could not invoke");
    }
    run("input", "encode", "--u64", "-1", "-o", "x.bin");
    assertThat(last.err().trim()).isEqualTo("invalid value for option '--u64': -1 (allowed: an integer 0..2^64-1, "
        + "decimal or 0x hex); see 'zisk4j input encode --help'");
  }
}

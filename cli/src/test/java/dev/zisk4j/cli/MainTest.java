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
}

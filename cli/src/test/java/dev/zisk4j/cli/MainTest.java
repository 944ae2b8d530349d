package dev.zisk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("zisk4j 0.").contains("JVM 25");
  }

  @Test
  void helpListsUsage() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: zisk4j");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-flag")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine cl = Main.newCommandLine();
    cl.getSubcommands().forEach((name, sub) -> assertThat(sub.getCommandSpec().mixinStandardHelpOptions() || "help".equals(name))
        .as("subcommand %s has --help", name).isTrue());
  }
}

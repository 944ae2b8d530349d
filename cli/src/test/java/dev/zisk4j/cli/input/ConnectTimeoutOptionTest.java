package dev.zisk4j.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 8: a huge --connect-timeout is refused with its range, not a stack trace. */
class ConnectTimeoutOptionTest {
  @TempDir Path dir;

  @Test
  @Timeout(30)
  void hugeAndNegativeConnectTimeoutsAreRefusedNamingTheRange() throws Exception {
    Path in = Files.write(dir.resolve("in.bin"), new byte[8]);
    for (String v : new String[] {"99999999999999999", "-1"}) {
      CliRun r = CliRun.of("input", "send", "--uri", "unix://" + dir.resolve("s.sock"), "--connect-timeout", v, in.toString());
      assertThat(r.exit()).as("--connect-timeout %s", v).isNotZero();
      assertThat(r.err()).contains("invalid value for option '--connect-timeout': " + v + " (allowed: 0..86400 seconds)")
          .doesNotContain("\tat ").doesNotContain("ArithmeticException");
    }
  }
}

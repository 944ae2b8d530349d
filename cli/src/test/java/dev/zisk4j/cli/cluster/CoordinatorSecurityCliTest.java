package dev.zisk4j.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import dev.zisk4j.cli.datastream.Running;
import dev.zisk4j.cluster.auth.AccessRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zisk4j coordinator's --tls-* and --access-file flags through the real command tree. */
class CoordinatorSecurityCliTest {
  @TempDir Path dir;

  @Test
  void badSecurityFlagsExitTwoNamingTheFlag() throws Exception {
    CliRun keyless = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--tls-cert", "x.pem");
    assertThat(keyless.exit()).isEqualTo(2);
    assertThat(keyless.err()).contains("'--tls-cert'", "--tls-cert and --tls-key together");
    CliRun caOnly = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--tls-client-ca", "ca.pem");
    assertThat(caOnly.exit()).isEqualTo(2);
    assertThat(caOnly.err()).contains("'--tls-client-ca'", "mTLS is TLS");
    CliRun missing = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--access-file",
        dir.resolve("none.toml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("'--access-file'", "a readable file");
    Path bad = Files.writeString(dir.resolve("bad.toml"), "[[token]]\nname = \"a\"\nrole = \"root\"\nsha256 = \""
        + "0".repeat(64) + "\"\n");
    CliRun badFile = CliRun.of("coordinator", "--port", "0", "--metrics-port", "-1", "--access-file", bad.toString());
    assertThat(badFile.exit()).isEqualTo(2);
    assertThat(badFile.err()).contains("unknown role root");
  }

  @Test
  void aCoordinatorWithAnAccessFileRefusesCallsWithoutAToken() throws Exception {
    Path access = Files.writeString(dir.resolve("access.toml"), "[[token]]\nname = \"ops\"\nrole = \"admin\"\n"
        + "sha256 = \"" + AccessRules.hashOf("s3cret-token") + "\"\n");
    ClusterCliTest.Coordinator c = new ClusterCliTest().coordinator(Map.of(), "--port", "0", "--metrics-port", "-1",
        "--access-file", access.toString());
    try (Running ignored = c.running()) {
      assertThat(c.out()).contains("(authenticated)");
      CliRun jobs = CliRun.of("cluster", "jobs", "--url", c.url());
      assertThat(jobs.exit()).as(jobs.err()).isEqualTo(1);
      assertThat(jobs.err()).contains("UNAUTHENTICATED");
    }
  }
}

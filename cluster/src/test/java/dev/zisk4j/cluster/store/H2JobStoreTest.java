package dev.zisk4j.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded H2 files, plus reopening and locking. */
class H2JobStoreTest extends JobStoreContract {
  @TempDir
  Path dir;
  int n;

  @Override
  JobStore open() {
    return JdbcJobStore.openH2(dir.resolve("d" + (n++)));
  }

  @Test
  void snapshotsSurviveReopen() {
    Path d = dir.resolve("re");
    try (JobStore s = JdbcJobStore.openH2(d)) {
      s.put(full("x"));
      s.putBehind(job("y", JobState.RUNNING, 2));
    }
    try (JobStore s = JdbcJobStore.openH2(d)) {
      assertThat(s.get("x").orElseThrow().failure().orElseThrow().reason()).isEqualTo("too slow");
      assertThat(s.get("y")).isPresent();
    }
  }

  @Test
  void anUnsupportedUrlIsAClearError() {
    assertThatThrownBy(() -> JdbcJobStore.open("jdbc:mysql://x/y?password=s", null, null))
        .isInstanceOf(JobStoreException.class).hasMessageContaining("expected jdbc:h2:")
        .hasMessageContaining("password=***").hasMessageNotContaining("=s");
  }
}

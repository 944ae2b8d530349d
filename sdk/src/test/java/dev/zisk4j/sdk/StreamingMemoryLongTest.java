package dev.zisk4j.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded by the segments in flight, not by the input size: a child JVM with a capped
 * heap executes 1 GiB of streamed input (1 GB heap) and proves 8 MiB (2 GB heap). Long: run with
 * {@code bin/test -Plong-tests -pl sdk -am}.
 */
@Tag("long")
class StreamingMemoryLongTest {

  private static String run(String heap, String mode, int mib, long timeoutMinutes) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p = new ProcessBuilder(List.of(java, heap, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), StreamingMemoryMain.class.getName(), mode, Integer.toString(mib)))
        .redirectErrorStream(true).start();
    boolean ended = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("child finished in time; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as("child exit; output:%n%s", out).isZero();
    return out;
  }

  @Test
  void executesOneGibibyteOfStreamedInputInAOneGigabyteHeap() throws Exception {
    assertThat(run("-Xmx1g", "execute", 1024, 30)).contains("ok execute 1024 MiB");
  }

  @Test
  void provesEightMebibytesOfStreamedInputInATwoGigabyteHeap() throws Exception {
    assertThat(run("-Xmx2g", "prove", 8, 120)).contains("ok prove 8 MiB");
  }
}

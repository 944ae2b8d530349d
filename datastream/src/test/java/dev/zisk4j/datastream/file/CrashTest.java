package dev.zisk4j.datastream.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a producing child JVM ({@code destroyForcibly}, SIGKILL) at random points and reopens the
 * file each time: every commit the child reported is present and intact, nothing uncommitted is
 * visible, and the bookmark index matches the entries exactly.
 */
class CrashTest {
  @TempDir Path dir;

  @Test
  void survivesAFewKillsInEachMode() throws Exception {
    run(3, Durability.FSYNC, 11, 1);
    run(3, Durability.OS, 12, 1);
  }

  @Test
  void survivesKillsDuringConcurrentGroupCommits() throws Exception {
    run(3, Durability.FSYNC, 13, 4);
  }

  @Test
  @Tag("long")
  void survivesManyKills() throws Exception {
    run(40, Durability.FSYNC, 21, 1);
    run(40, Durability.OS, 22, 1);
    run(30, Durability.FSYNC, 23, 4);
  }

  private void run(int iterations, Durability mode, long seed, int threads) throws Exception {
    Path file = dir.resolve("crash-" + mode + "-" + threads + ".bin");
    SplittableRandom rnd = new SplittableRandom(seed);
    long floor = 0;
    for (int it = 0; it < iterations; it++) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "-Xmx256m", CrashProducer.class.getName(),
          file.toString(), mode.name(), Long.toString(rnd.nextLong()), Integer.toString(threads));
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      int killAfter = 1 + rnd.nextInt(300);
      int lines = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
        String line;
        while ((line = out.readLine()) != null) {
          long v = Long.parseLong(line.substring(2));
          floor = next(floor, line, v, threads);
          if (++lines >= killAfter) {
            break;
          }
        }
        // SIGKILL through the handle: unlike Process.destroyForcibly it leaves our end of the pipe
        // open, so the lines the child printed before dying can still be read.
        p.toHandle().destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        while ((line = out.readLine()) != null) {
          long v = Long.parseLong(line.substring(2));
          floor = next(floor, line, v, threads);
        }
      }
      assertThat(lines).as("child produced output (iteration %d)", it).isPositive();
      floor = verify(file, floor);
    }
  }

  /**
   * The lowest committed entry count the file may have after this report line. One producer
   * thread: reports come in order, a truncate report lowers it. Several (no truncates): commit
   * reports can print out of order, so the highest one counts.
   */
  private static long next(long floor, String line, long value, int threads) {
    if (line.startsWith("t ")) {
      return Math.min(floor, value);
    }
    return threads == 1 ? value : Math.max(floor, value);
  }

  /** Checks the reopened file and returns its committed entry count (the new floor). */
  private static long verify(Path file, long floor) throws Exception {
    try (DataStream s = DataStream.open(file, DataStreamConfig.defaults())) {
      long total = s.header().totalEntries();
      assertThat(total).as("every reported commit survived").isGreaterThanOrEqualTo(floor);
      long bookmarks = 0;
      try (EntryCursor c = s.cursor(0)) {
        StreamEntry e;
        long n = 0;
        while ((e = c.next()) != null) {
          assertThat(e).isEqualTo(CrashProducer.expected(n));
          if (e.isBookmark()) {
            bookmarks++;
            assertThat(s.bookmark(e.data())).hasValue(n);
          }
          n++;
        }
        assertThat(n).isEqualTo(total);
      }
      assertThat(s.bookmarks()).hasSize((int) bookmarks);
      assertThat(s.bookmark("never".getBytes(StandardCharsets.US_ASCII))).isEmpty();
      for (long n = total; n < total + 50; n++) {
        if (n % 7 == 0) {
          assertThat(s.bookmark(CrashProducer.bookmarkKey(n))).as("no bookmark past the end: %d", n).isEmpty();
        }
      }
      return total;
    }
  }
}

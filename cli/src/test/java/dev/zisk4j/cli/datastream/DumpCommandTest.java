package dev.zisk4j.cli.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpCommandTest {
  @TempDir Path dir;
  /** The last run's captured output. */
  private CliRun last;

  private int run(String... args) {
    last = CliRun.of(args);
    return last.exit();
  }

  private static Path fixture(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("shared/fixtures/datastream").resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new IllegalStateException("shared/fixtures/datastream/" + name + " not found above the working directory");
  }

  @Test
  void dumpsHeaderAndEveryEntryOfAGoFile() {
    assertThat(run("datastream", "dump", fixture("small50ops.bin").toString())).isZero();
    String[] lines = last.out().split("\n");
    assertThat(lines[0]).isEqualTo("header: version=1 systemId=137 streamType=1 totalLength=21096 totalEntries=250");
    assertThat(lines).hasSize(251);
    assertThat(lines[1]).isEqualTo("entry 0 type=bookmark length=26 data=010000000000000000");
    assertThat(lines[4]).startsWith("entry 3 type=2 length=60 data=80010a0b").endsWith("...");
  }

  @Test
  void rangeAndBookmarkOptionsSelectWhatIsPrinted() {
    assertThat(run("datastream", "dump", "--from", "15419", "--count", "2", "--max-data", "0", "--bookmarks",
        fixture("pagecross4000ops.bin").toString())).isZero();
    String text = last.out();
    assertThat(text).contains("entry 15419 type=3 length=89\n", "entry 15420 type=bookmark length=26\n");
    assertThat(text).doesNotContain("entry 15421");
    assertThat(text).contains("bookmark 010000000000000c0c -> 15420");
  }

  @Test
  void headerOnlyPrintsOneLine() {
    assertThat(run("datastream", "dump", "--header-only", fixture("small50ops.bin").toString())).isZero();
    assertThat(last.out().strip()).doesNotContain("\n");
  }

  @Test
  void badInputGetsOneLineErrorsAndExitCodes() throws Exception {
    assertThat(run("datastream", "dump", dir.resolve("missing.bin").toString())).isEqualTo(1);
    assertThat(last.err()).startsWith("error: ").contains("missing.bin");
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[5000]);
    assertThat(run("datastream", "dump", junk.toString())).isEqualTo(1);
    assertThat(last.err()).startsWith("error: bad magic");
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(fixture("small50ops.bin")), 20000));
    assertThat(run("datastream", "dump", cut.toString())).isEqualTo(1);
    assertThat(last.err()).contains("totalLength=21096");
    assertThat(run("datastream", "dump", "--from", "251", fixture("small50ops.bin").toString())).isEqualTo(1);
    assertThat(last.err()).contains("from=251");
    assertThat(run("datastream", "dump", "--count", "x", fixture("small50ops.bin").toString())).isEqualTo(2);
    assertThat(run("datastream")).isEqualTo(2);
  }
}

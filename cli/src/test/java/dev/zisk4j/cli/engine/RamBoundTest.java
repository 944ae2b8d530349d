package dev.zisk4j.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 3: a RAM size that would exhaust the heap ({@code --memory-words 2147483647} once died with
 * OutOfMemoryError in VmState) is refused before anything is allocated or proven, in one line naming the
 * limit. The RAM size is now the program's ({@code .memory}, at most 2^20 words), so the old flag is an
 * unknown option (usage, exit 2) and an oversized {@code .memory} is an error in the program file (exit 1,
 * like every other error in a program file).
 */
class RamBoundTest {
  @TempDir
  Path dir;

  @Test
  void theOldFlagIsAnUnknownOptionNotAnAllocation() {
    CliRun r = CliRun.of("execute", EngineCommandsTest.guest("fib").toString(), "--u64", "10",
        "--memory-words", "2147483647");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--memory-words", "see 'zisk4j execute --help'");
  }

  @Test
  void anOversizedProgramRamIsRefusedBeforeExecutingOrProving() throws Exception {
    Path src = dir.resolve("huge.zasm");
    Files.writeString(src, ".memory 2147483648\nhalt\n");
    Path proof = dir.resolve("p.bin");
    for (CliRun r : new CliRun[] {
        CliRun.of("execute", src.toString()),
        CliRun.of("prove", src.toString(), "-o", proof.toString()),
        CliRun.of("asm", src.toString(), "-o", dir.resolve("huge.img").toString())}) {
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(r.err()).contains("huge.zasm: line 1", "RAM size must be a power of two in [2, 1048576]",
          "words=2147483648");
    }
    assertThat(proof).doesNotExist();
  }

  @Test
  void aProgramRamTooLargeForTheSegmentIsRefusedBeforeProving() throws Exception {
    Path src = dir.resolve("max.zasm");
    Files.writeString(src, ".memory 1048576\nhalt\n");
    Path proof = dir.resolve("p.bin");
    CliRun r = CliRun.of("prove", src.toString(), "-o", proof.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("program RAM too large for the segment", "M=1048576");
    assertThat(r.err()).doesNotContain("%]");
    assertThat(proof).doesNotExist();
  }
}

package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .include} (relative, once per program, cycles and missing files refused) and immediate sums. */
class AssemblerIncludeTest {
  @TempDir Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void includedCodeTakesTheDirectivesPlaceOnce() throws Exception {
    write("lib/a.zasm", ".include \"b.zasm\"\nfa: li r1, BASE+2\nret\n");
    write("lib/b.zasm", "fb: li r2, BASE-1\nret\n");
    Path main = write("main.zasm", ".equ BASE, 10\ncall fa\ncall fb\nhalt\n.include \"lib/a.zasm\"\n.include \"lib/b.zasm\" ; again: skipped\n");
    ProgramImage img = new Assembler().assembleFile(main);
    ProgramImage flat = new Assembler().assemble("call 5\ncall 3\nhalt\nli r2, 9\nret\nli r1, 12\nret\n");
    assertThat(img.encode()).isEqualTo(flat.encode());
  }

  @Test
  void badIncludesAreErrorsNamingFileAndLine() throws Exception {
    Path cyc = write("c1.zasm", "nop\n.include \"c2.zasm\"\n");
    write("c2.zasm", ".include \"c1.zasm\"\n");
    assertThatThrownBy(() -> new Assembler().assembleFile(cyc)).isInstanceOf(AsmException.class)
        .hasMessageContaining("c2.zasm: line 1").hasMessageContaining("include cycle");
    Path missing = write("m.zasm", "nop\n.include \"nope.zasm\"\n");
    assertThatThrownBy(() -> new Assembler().assembleFile(missing))
        .hasMessageContaining("line 2").hasMessageContaining("cannot read included file nope.zasm");
    Path unquoted = write("u.zasm", ".include nope.zasm\n");
    assertThatThrownBy(() -> new Assembler().assembleFile(unquoted)).hasMessageContaining("quoted file name");
    assertThatThrownBy(() -> new Assembler().assemble(".include \"x.zasm\"\nhalt\n"))
        .hasMessageContaining("needs a source file");
    write("bad.zasm", "nop\nfrob r1\n");
    Path inc = write("i.zasm", "halt\n.include \"bad.zasm\"\n");
    assertThatThrownBy(() -> new Assembler().assembleFile(inc))
        .hasMessageContaining("bad.zasm: line 2, column 1: unknown mnemonic 'frob'");
    Path self = write("s.zasm", ".include \"s.zasm\"\nhalt\n");
    assertThatThrownBy(() -> new Assembler().assembleFile(self)).hasMessageContaining("include cycle");
  }

  @Test
  void immediatesAreSumsInTheField() throws Exception {
    ProgramImage img = new Assembler().assemble(".equ A, 7\nli r1, A+3-1\nload r2, [r1+A+1]\nli r3, 0-1+1\nhalt\n");
    assertThat(img.code().get(0).imm()).isEqualTo(9);
    assertThat(img.code().get(1).imm()).isEqualTo(8);
    assertThat(img.code().get(2).imm()).isZero();
  }
}

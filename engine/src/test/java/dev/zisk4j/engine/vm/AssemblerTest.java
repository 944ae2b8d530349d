package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.field.Goldilocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssemblerTest {
  private final Assembler asm = new Assembler();

  @Test
  void encodesEveryFormAsTheDesignSays() throws Exception {
    ProgramImage img = asm.assemble("""
        .equ K, 0x10
        start: add r1, r2, r3+K
        sub r1, r2, -1
        inv r4, r5
        jal r6, r1, 3
        jal r6, start
        bnz r1, start
        bz r2, 7
        load r3, [r4+2]
        store r5, [r6-1]
        read r7
        write r2
        assert r3, r4
        li r1, 9
        mov r2, r3
        nop
        jmp start
        call start
        ret
        halt
        """);
    assertThat(img.code()).containsExactly(
        new Instruction(Opcode.ADD, 1, 2, 3, 16),
        new Instruction(Opcode.SUB, 1, 2, 0, Goldilocks.P - 1),
        new Instruction(Opcode.INV, 4, 5, 0, 0),
        new Instruction(Opcode.JAL, 6, 1, 0, 3),
        new Instruction(Opcode.JAL, 6, 0, 0, 0),
        new Instruction(Opcode.BNZ, 0, 1, 0, 0),
        new Instruction(Opcode.BZ, 0, 2, 0, 7),
        new Instruction(Opcode.LOAD, 3, 4, 0, 2),
        new Instruction(Opcode.STORE, 0, 6, 5, Goldilocks.P - 1),
        new Instruction(Opcode.READ, 7, 0, 0, 0),
        new Instruction(Opcode.WRITE, 0, 2, 0, 0),
        new Instruction(Opcode.ASSERT, 0, 3, 4, 0),
        new Instruction(Opcode.ADD, 1, 0, 0, 9),
        new Instruction(Opcode.ADD, 2, 3, 0, 0),
        new Instruction(Opcode.ADD, 0, 0, 0, 0),
        new Instruction(Opcode.JAL, 0, 0, 0, 0),
        new Instruction(Opcode.JAL, 7, 0, 0, 0),
        new Instruction(Opcode.JAL, 0, 7, 0, 0),
        new Instruction(Opcode.HALT, 0, 0, 0, 0));
    assertThat(img.code().get(0).word()).isEqualTo(0 + 16 * 1 + 128 * 2 + 1024 * 3);
  }

  @Test
  void forwardLabelsDataAndCaseInsensitiveMnemonics() throws Exception {
    ProgramImage img = asm.assemble("""
        ; comment line
        .data 4: 1, -2, end
                JMP end   ; forward
        end:    HALT
        """);
    assertThat(img.code().get(0)).isEqualTo(new Instruction(Opcode.JAL, 0, 0, 0, 1));
    assertThat(img.data()).containsExactly(
        new DataWord(4, 1), new DataWord(5, Goldilocks.P - 2), new DataWord(6, 1));
  }

  @Test
  void allExampleGuestsAssemble() {
    for (String g : new String[] {"sum", "fib", "mix", "checksum", "sort", "merkle"}) {
      assertThat(TestGuests.image(g).size()).as(g).isPositive();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "frob r1                 | 1 | 1 | unknown mnemonic 'frob'",
      "add r1, r2              | 1 | 11 | expected ','",
      "add r8, r1, r2          | 1 | 5 | expected a register r0..r7 but found 'r8'",
      "add r1, r2, r3 r4       | 1 | 16 | unexpected 'r4'",
      "jmp nowhere             | 1 | 5 | undefined symbol 'nowhere'",
      "li r1, 18446744069414584321 | 1 | 8 | is not below p",
      "li r1, 0xZZ             | 1 | 8 | malformed number",
      "li r1, @                | 1 | 8 | unexpected character '@'",
      "load r1, r2             | 1 | 10 | expected '['",
      "load r1, [r2            | 1 | 13 | expected ']'",
      "x: halt\\nx: halt       | 2 | 1 | 'x' is already defined",
      "r1: halt                | 1 | 1 | 'r1' cannot be used as a name",
      ".equ A, B\\n.equ B, 1\\nhalt | 1 | 9 | undefined symbol 'B'",
      ".data 1: 5\\n.data 1: 6\\nhalt | 2 | 10 | data address 1 is already initialised",
      ".data 4294967296: 1\\nhalt | 1 | 7 | does not fit in 32 bits",
      ".insn stall, r0, r0, r0, 0 | 1 | 1 | STALL cannot appear",
      ".insn halt, r1, r0, r0, 0 | 1 | 1 | rd must be r0 for HALT",
      "; nothing                  | 1 | 1 | program has no instructions",
      ".memory 100\\nhalt         | 1 | 9 | RAM size must be a power of two in [2, 1048576]: words=100",
      ".memory 1\\nhalt           | 1 | 9 | words=1",
      ".memory 2097152\\nhalt     | 1 | 9 | words=2097152",
      ".memory 64\\n.memory 64\\nhalt | 2 | 1 | .memory is already set",
      ".memory 64\\n.data 64: 1\\nhalt | 2 | 1 | data address outside RAM: address=64, M=64",
  })
  void errorsCarryLineAndColumn(String src, int line, int column, String message) {
    assertThatThrownBy(() -> asm.assemble(src.replace("\\n", "\n")))
        .isInstanceOf(AsmException.class)
        .hasMessageContaining(message)
        .satisfies(e -> {
          assertThat(((AsmException) e).line()).isEqualTo(line);
          assertThat(((AsmException) e).column()).isEqualTo(column);
        });
  }

  @Test
  void theRamSizeIsTheProgramsOwn() throws Exception {
    assertThat(asm.assemble("halt\n").memoryWords()).isEqualTo(1 << Assembler.DEFAULT_LOG_MEMORY);
    ProgramImage small = asm.assemble(".equ WORDS, 128\n.memory WORDS\n.data 127: 5\nhalt\n");
    assertThat(small.memoryWords()).isEqualTo(128);
    // the directive wins over the assembler's default; the default applies only without one
    assertThat(asm.withDefaultLogMemoryWords(3).assemble(".memory 128\nhalt\n").memoryWords()).isEqualTo(128);
    assertThat(asm.withDefaultLogMemoryWords(3).assemble("halt\n").memoryWords()).isEqualTo(8);
    assertThat(small.imageId()).isNotEqualTo(asm.assemble(".memory 256\n.data 127: 5\nhalt\n").imageId());
    // the disassembler writes the size, so the round trip keeps it
    assertThat(new Assembler().withDefaultLogMemoryWords(1).assemble(new Disassembler().disassemble(small)))
        .isEqualTo(small);
    assertThatThrownBy(() -> asm.withDefaultLogMemoryWords(0)).hasMessageContaining("logM=0");
  }
}

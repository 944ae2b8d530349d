package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DisassemblerTest {
  @Test
  void exampleGuestsRoundTrip() throws Exception {
    for (String g : new String[] {"sum", "fib", "mix", "checksum", "sort", "merkle"}) {
      ProgramImage img = TestGuests.image(g);
      String text = new Disassembler().disassemble(img);
      assertThat(new Assembler().assemble(text)).as(g).isEqualTo(img);
    }
  }

  @Test
  void usesLabelsAndPseudoForms() {
    String text = new Disassembler().disassemble(TestGuests.image("fib"));
    assertThat(text).contains("L4:", "bz r1, L10", "mov r2, r3", "jmp L4", "sub r1, r1, 1", "li r2, 0");
  }

  @Property(tries = 300)
  void everyLoadableImageRoundTrips(@ForAll("images") ProgramImage img) throws Exception {
    String text = new Disassembler().disassemble(img);
    ProgramImage back = new Assembler().assemble(text);
    assertThat(back.encode()).isEqualTo(img.encode());
  }

  @Provide
  Arbitrary<ProgramImage> images() {
    Arbitrary<Long> imm = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 40),
        Arbitraries.longs().between(Goldilocks.P - 40, Goldilocks.P - 1),
        Arbitraries.longs().filter(Goldilocks::isCanonical));
    Arbitrary<Instruction> insn = Combinators.combine(
            Arbitraries.integers().between(0, 15).map(c -> c == 15 ? Opcode.POSEIDON.code() : c),
            Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 7), imm)
        .as((op, rd, rs1, rs2, i) -> new Instruction(Opcode.of(op),
            Opcode.of(op).forcesRd0() ? 0 : rd, rs1, rs2, i));
    Arbitrary<List<DataWord>> data = Arbitraries.longs().between(0, 100).set().ofMaxSize(6)
        .flatMap(addrs -> Arbitraries.longs().filter(Goldilocks::isCanonical).list().ofSize(addrs.size())
            .map(vals -> {
              List<DataWord> out = new ArrayList<>();
              int k = 0;
              for (long a : addrs) {
                out.add(new DataWord(a, vals.get(k++)));
              }
              return out;
            }));
    return Combinators.combine(insn.list().ofMinSize(1).ofMaxSize(30), data).as((code, words) -> new ProgramImage(code, words, 7));
  }
}

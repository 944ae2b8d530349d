package dev.zisk4j.engine.vmair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.air.CheckReport;
import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProofResult;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.segment.BundleVerdict;
import dev.zisk4j.engine.segment.ExpectedInput;
import dev.zisk4j.engine.segment.VerifyPolicy;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.Instruction;
import dev.zisk4j.engine.vm.Opcode;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.RunOutcome;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random valid programs (seeded generator): straight-line code over every non-control op plus a
 * counted loop, with addresses kept inside RAM. The executor's outputs, the trace's outputs and the
 * AIR checker agree; a few are proven and verified end to end.
 */
class RandomProgramsTest {
  static final int M = 64;

  /** A program that cannot fault: LT only on small values, INV only of nonzero, memory in range. */
  static ProgramImage randomProgram(long seed) {
    Random rnd = new Random(seed);
    List<Instruction> code = new ArrayList<>();
    code.add(new Instruction(Opcode.READ, 1, 0, 0, 0));
    code.add(new Instruction(Opcode.ADD, 6, 0, 0, 1 + rnd.nextInt(5)));      // loop counter r6
    int loop = code.size();
    int body = 5 + rnd.nextInt(20);
    for (int i = 0; i < body; i++) {
      int rd = 1 + rnd.nextInt(5);
      int rs1 = rnd.nextInt(6);
      int rs2 = rnd.nextInt(6);
      long imm = rnd.nextInt(1000);
      switch (rnd.nextInt(10)) {
        case 0 -> code.add(new Instruction(Opcode.ADD, rd, rs1, rs2, imm));
        case 1 -> code.add(new Instruction(Opcode.SUB, rd, rs1, rs2, imm));
        case 2 -> code.add(new Instruction(Opcode.MUL, rd, rs1, rs2, imm));
        case 3 -> code.add(new Instruction(Opcode.EQ, rd, rs1, rs2, imm));
        case 4 -> {
          code.add(new Instruction(Opcode.ADD, 7, 0, 0, rnd.nextInt(100)));
          code.add(new Instruction(Opcode.LT, rd, 7, 0, rnd.nextInt(100)));
        }
        case 5 -> {
          code.add(new Instruction(Opcode.ADD, 7, 0, 0, 1 + rnd.nextInt(100)));
          code.add(new Instruction(Opcode.INV, rd, 7, 0, 0));
        }
        case 6 -> code.add(new Instruction(Opcode.STORE, 0, 0, rs2, rnd.nextInt(M)));
        case 7 -> code.add(new Instruction(Opcode.LOAD, rd, 0, 0, rnd.nextInt(M)));
        case 8 -> code.add(new Instruction(Opcode.WRITE, 0, rs1, 0, 0));
        default -> code.add(new Instruction(Opcode.READ, rd, 0, 0, 0));
      }
    }
    code.add(new Instruction(Opcode.SUB, 6, 6, 0, 1));
    code.add(new Instruction(Opcode.BNZ, 0, 6, 0, loop));
    code.add(new Instruction(Opcode.WRITE, 0, 1, 0, 0));
    code.add(new Instruction(Opcode.HALT, 0, 0, 0, 0));
    return new ProgramImage(code, List.of(), Integer.numberOfTrailingZeros(M));
  }

  static byte[] input(long seed) {
    return TestGuests.records(new Random(seed).longs(30).toArray());
  }

  @Property(tries = 40)
  void executorTraceAndCheckerAgree(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws Exception {
    ProgramImage image = randomProgram(seed);
    VmState s = VmState.initial(image);
    OutputTape out = new OutputTape();
    RunOutcome o = new Executor(image).run(s, WordTape.ofBytes(input(seed)), out, RunLimits.cycles(10_000), null);
    assertThat(o.halted()).isTrue();
    VmTraces t = VmTraces.build(image, input(seed), 1024, M, InputMode.PUBLIC);
    assertThat(t.trace().outputs()).containsExactly(out.toArray());
    CheckReport r = t.check(t.trace().main());
    assertThat(r.ok()).as(r.toString()).isTrue();
  }

  @Property(tries = 3)
  void randomProgramsProveAndVerify(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws Exception {
    ProgramImage image = randomProgram(seed);
    try (Workers workers = Workers.of(2)) {
      ZkVm vm = new ZkVm(workers);
      ProofResult r = vm.prove(image, input(seed), new ProveOptions(10, ProofOptions.DEFAULT, InputMode.PUBLIC, 16),
          ProgressListener.NONE);
      BundleVerdict v = vm.verify(image, r.bundle(), ExpectedInput.of(input(seed)), VerifyPolicy.DEFAULT);
      assertThat(v.accepted()).as(v.toString()).isTrue();
      assertThat(v.outputs()).containsExactly(r.outputs());
    }
  }
}

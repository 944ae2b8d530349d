package dev.zisk4j.engine.vm;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;
import java.io.IOException;
import java.util.List;

/**
 * Executes a {@link ProgramImage} per engine.md §2.1, from any {@link VmState} (a program start or a
 * segment checkpoint).
 *
 * <p>The program is pre-decoded into flat arrays so the loop allocates nothing. An optional {@link
 * StepObserver} sees each cycle (the trace builder); without one this is the fast executor that plans
 * segments. Guest faults are results ({@link RunOutcome.Stop#FAULT}), not exceptions. Thread-safe:
 * instances are immutable and each run works on its own state (and its own Poseidon scratch).
 *
 * <p>POSEIDON (PRECOMPILES.md §1) permutes RAM[A..A+11] in place and costs {@value Isa#POSEIDON_CYCLES}
 * cycles and as many memory accesses, checked against the limits for all of them before it runs, so
 * a limit never splits it.
 */
public final class Executor {
  private final Instruction[] insns;
  private final int[] ops;
  private final int[] rds;
  private final int[] rs1s;
  private final int[] rs2s;
  private final long[] imms;

  public Executor(ProgramImage image) {
    List<Instruction> code = image.code();
    int n = code.size();
    insns = code.toArray(new Instruction[0]);
    ops = new int[n];
    rds = new int[n];
    rs1s = new int[n];
    rs2s = new int[n];
    imms = new long[n];
    for (int i = 0; i < n; i++) {
      Instruction insn = insns[i];
      ops[i] = insn.op().code();
      rds[i] = insn.rd();
      rs1s[i] = insn.rs1();
      rs2s[i] = insn.rs2();
      imms[i] = insn.imm();
    }
  }

  /**
   * Runs until HALT, a fault or a limit. The state is left "before" the next cycle (at HALT: pc on
   * the HALT instruction, which has executed).
   *
   * @param observer sees every cycle before its effect, or null
   * @throws IOException if the input tape fails
   */
  public RunOutcome run(VmState s, InputTape in, OutputTape out, RunLimits limits, StepObserver observer)
      throws IOException {
    long cycles = 0;
    long accesses = 0;
    long permutations = 0;
    Poseidon poseidon = null;
    long[] state = null;
    long[] r = s.regs;
    long[] mem = s.memory;
    int n = ops.length;
    while (true) {
      if (cycles >= limits.maxCycles()) {
        return new RunOutcome(RunOutcome.Stop.CYCLE_LIMIT, cycles, accesses, permutations, null);
      }
      long pcl = s.pc;
      if (Long.compareUnsigned(pcl, n) >= 0) {
        return fault(s, cycles, accesses, permutations, "pc outside the program: n=" + n);
      }
      int pc = (int) pcl;
      int op = ops[pc];
      long a = r[rs1s[pc]];
      long imm = imms[pc];
      long res = 0;
      long addr = 0;
      long nextPc = pcl + 1;
      switch (op) {
        case 0 -> res = Goldilocks.add(a, Goldilocks.add(r[rs2s[pc]], imm));
        case 1 -> res = Goldilocks.sub(a, Goldilocks.add(r[rs2s[pc]], imm));
        case 2 -> res = Goldilocks.mul(a, Goldilocks.add(r[rs2s[pc]], imm));
        case 3 -> {
          if (a == 0) {
            return fault(s, cycles, accesses, permutations, "INV of zero");
          }
          res = Goldilocks.inv(a);
        }
        case 4 -> res = a == Goldilocks.add(r[rs2s[pc]], imm) ? 1 : 0;
        case 5 -> {
          long b = Goldilocks.add(r[rs2s[pc]], imm);
          if (Long.compareUnsigned(Goldilocks.sub(Goldilocks.sub(b, a), 1), Isa.LT_RANGE) < 0) {
            res = 1;
          } else if (Long.compareUnsigned(Goldilocks.sub(a, b), Isa.LT_RANGE) >= 0) {
            return fault(s, cycles, accesses, permutations, "LT operands further apart than 2^32: a="
                + Long.toUnsignedString(a) + ", b=" + Long.toUnsignedString(b));
          }
        }
        case 6 -> {
          res = Goldilocks.add(pcl, 1);
          nextPc = Goldilocks.add(a, imm);
        }
        case 7 -> {
          res = a != 0 ? 1 : 0;
          if (a != 0) {
            nextPc = imm;
          }
        }
        case 8 -> {
          res = a != 0 ? 1 : 0;
          if (a == 0) {
            nextPc = imm;
          }
        }
        case 9, 10 -> {
          if (accesses >= limits.maxMemoryAccesses()) {
            return new RunOutcome(RunOutcome.Stop.ACCESS_LIMIT, cycles, accesses, permutations, null);
          }
          addr = Goldilocks.add(a, imm);
          if (Long.compareUnsigned(addr, mem.length) >= 0) {
            return fault(s, cycles, accesses, permutations, "memory address outside RAM: address="
                + Long.toUnsignedString(addr) + ", M=" + mem.length);
          }
          res = op == 9 ? mem[(int) addr] : r[rs2s[pc]];
          accesses++;
        }
        case 11 -> res = in.next();
        case 13 -> {
          long b = Goldilocks.add(r[rs2s[pc]], imm);
          if (a != b) {
            return fault(s, cycles, accesses, permutations, "ASSERT failed: a=" + Long.toUnsignedString(a)
                + ", b=" + Long.toUnsignedString(b));
          }
        }
        case 14 -> nextPc = pcl;
        case 16 -> {
          if (cycles + Isa.POSEIDON_CYCLES > limits.maxCycles()) {
            return new RunOutcome(RunOutcome.Stop.CYCLE_LIMIT, cycles, accesses, permutations, null);
          }
          if (accesses + Isa.POSEIDON_CYCLES > limits.maxMemoryAccesses()) {
            return new RunOutcome(RunOutcome.Stop.ACCESS_LIMIT, cycles, accesses, permutations, null);
          }
          addr = Goldilocks.add(a, imm);
          if (mem.length < Poseidon.WIDTH || Long.compareUnsigned(addr, mem.length - (long) Poseidon.WIDTH) > 0) {
            return fault(s, cycles, accesses, permutations, "POSEIDON state outside RAM: address="
                + Long.toUnsignedString(addr) + ", M=" + mem.length + " (needs A + 12 <= M)");
          }
          if (poseidon == null) {
            poseidon = new Poseidon();
            state = new long[Poseidon.WIDTH];
          }
        }
        default -> { } // WRITE has no result; STALL never loads
      }
      if (observer != null) {
        observer.onStep(s, insns[pc], res, addr);
      }
      switch (op) {
        case 10 -> mem[(int) addr] = res;
        case 16 -> {
          System.arraycopy(mem, (int) addr, state, 0, Poseidon.WIDTH);
          poseidon.permute(state);
          System.arraycopy(state, 0, mem, (int) addr, Poseidon.WIDTH);
          accesses += Isa.POSEIDON_CYCLES;
          permutations++;
          s.permutations++;
        }
        case 11 -> s.inputPosition++;
        case 12 -> {
          out.append(a);
          s.outputPosition++;
        }
        default -> { }
      }
      int rd = rds[pc];
      if (rd != 0 && op != 7 && op != 8) {
        r[rd] = res;
      }
      s.pc = nextPc;
      long cost = op == 16 ? Isa.POSEIDON_CYCLES : 1;
      s.cycles += cost;
      cycles += cost;
      if (op == 14) {
        return new RunOutcome(RunOutcome.Stop.HALTED, cycles, accesses, permutations, null);
      }
    }
  }

  private static RunOutcome fault(VmState s, long cycles, long accesses, long permutations, String reason) {
    return new RunOutcome(RunOutcome.Stop.FAULT, cycles, accesses, permutations, new Fault(s.cycles, s.pc, reason));
  }
}

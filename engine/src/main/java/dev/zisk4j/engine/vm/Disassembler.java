package dev.zisk4j.engine.vm;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link ProgramImage} back into {@code .zasm} text that assembles to the identical image.
 *
 * <p>Branch and jump targets inside the program get labels {@code L<pc>}; immediates above p/2 are
 * printed as negatives; consecutive data words share a {@code .data} line; instructions whose unused
 * fields are not zero are printed as {@code .insn} so the round trip is exact for every valid image.
 * Stateless and thread-safe.
 */
public final class Disassembler {
  private static final long HALF_P = Isa.P >>> 1;

  /** The source text of an image. */
  public String disassemble(ProgramImage image) {
    List<Instruction> code = image.code();
    Set<Long> targets = new TreeSet<>();
    for (Instruction insn : code) {
      if (labelled(insn) && Long.compareUnsigned(insn.imm(), code.size()) < 0) {
        targets.add(insn.imm());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("; disassembled image, ").append(code.size()).append(" instructions, ")
        .append(image.data().size()).append(" data words\n");
    out.append(".memory ").append(image.memoryWords()).append('\n');
    appendData(out, image.data());
    for (int pc = 0; pc < code.size(); pc++) {
      String label = targets.contains((long) pc) ? "L" + pc + ":" : "";
      out.append(String.format("%-8s", label)).append(render(code.get(pc), targets)).append('\n');
    }
    return out.toString();
  }

  private static void appendData(StringBuilder out, List<DataWord> data) {
    int i = 0;
    while (i < data.size()) {
      out.append(".data ").append(data.get(i).address()).append(": ").append(imm(data.get(i).value()));
      int j = i + 1;
      while (j < data.size() && data.get(j).address() == data.get(j - 1).address() + 1) {
        out.append(", ").append(imm(data.get(j).value()));
        j++;
      }
      out.append('\n');
      i = j;
    }
  }

  private static boolean labelled(Instruction insn) {
    return switch (insn.op()) {
      case BNZ, BZ -> true;
      case JAL -> insn.rs1() == 0;
      default -> false;
    };
  }

  /** One instruction in its shortest exact form. */
  static String render(Instruction insn, Set<Long> targets) {
    if (!canonical(insn)) {
      return ".insn " + insn.op().mnemonic() + ", r" + insn.rd() + ", r" + insn.rs1() + ", r"
          + insn.rs2() + ", " + imm(insn.imm());
    }
    String rd = "r" + insn.rd();
    String rs1 = "r" + insn.rs1();
    return switch (insn.op()) {
      case ADD -> {
        if (insn.rs1() == 0 && insn.rs2() == 0) {
          yield insn.rd() == 0 && insn.imm() == 0 ? "nop" : "li " + rd + ", " + imm(insn.imm());
        }
        yield insn.rs2() == 0 && insn.imm() == 0 ? "mov " + rd + ", " + rs1
            : "add " + rd + ", " + rs1 + ", " + operandB(insn.rs2(), insn.imm());
      }
      case SUB, MUL, EQ, LT -> insn.op().mnemonic() + " " + rd + ", " + rs1 + ", "
          + operandB(insn.rs2(), insn.imm());
      case INV -> "inv " + rd + ", " + rs1;
      case JAL -> {
        if (insn.rs1() == 7 && insn.rd() == 0 && insn.imm() == 0) {
          yield "ret";
        }
        if (insn.rs1() != 0) {
          yield "jal " + rd + ", " + rs1 + ", " + imm(insn.imm());
        }
        String target = target(insn.imm(), targets);
        yield insn.rd() == 0 ? "jmp " + target : insn.rd() == 7 ? "call " + target : "jal " + rd + ", " + target;
      }
      case BNZ, BZ -> insn.op().mnemonic() + " " + rs1 + ", " + target(insn.imm(), targets);
      case LOAD -> "load " + rd + ", " + memory(insn.rs1(), insn.imm());
      case STORE -> "store r" + insn.rs2() + ", " + memory(insn.rs1(), insn.imm());
      case READ -> "read " + rd;
      case WRITE -> "write " + rs1;
      case ASSERT -> "assert " + rs1 + ", " + operandB(insn.rs2(), insn.imm());
      case HALT -> "halt";
      case POSEIDON -> "poseidon " + memory(insn.rs1(), insn.imm());
      case STALL -> throw new IllegalArgumentException("STALL is not in programs");
    };
  }

  /** True if every field the op ignores is zero, i.e. the mnemonic form can express it. */
  private static boolean canonical(Instruction insn) {
    boolean rs1Used = switch (insn.op()) {
      case READ, HALT -> false;
      default -> true;
    };
    boolean rs2Used = switch (insn.op()) {
      case ADD, SUB, MUL, EQ, LT, STORE, ASSERT -> true;
      default -> false;
    };
    boolean immUsed = switch (insn.op()) {
      case INV, READ, WRITE, HALT -> false;
      default -> true;
    };
    return (rs1Used || insn.rs1() == 0) && (rs2Used || insn.rs2() == 0) && (immUsed || insn.imm() == 0);
  }

  private static String target(long imm, Set<Long> targets) {
    return targets.contains(imm) ? "L" + imm : imm(imm);
  }

  private static String operandB(int rs2, long imm) {
    if (rs2 == 0) {
      return imm(imm);
    }
    if (imm == 0) {
      return "r" + rs2;
    }
    return Long.compareUnsigned(imm, HALF_P) > 0 ? "r" + rs2 + "-" + Long.toUnsignedString(Isa.P - imm)
        : "r" + rs2 + "+" + Long.toUnsignedString(imm);
  }

  private static String memory(int rs1, long imm) {
    return "[" + operandB(rs1, imm) + "]";
  }

  /** An immediate, as a negative when that is shorter (above p/2). */
  static String imm(long v) {
    return Long.compareUnsigned(v, HALF_P) > 0 ? "-" + Long.toUnsignedString(Isa.P - v) : Long.toUnsignedString(v);
  }
}

package dev.zisk4j.engine.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Assembles {@code .zasm} source (engine.md §2.3) into a {@link ProgramImage}.
 *
 * <p>Two passes: the first collects labels (instruction indices) and {@code .equ} names, the second
 * encodes. An {@code .equ} value may use numbers and names defined above it. Besides the design's
 * forms, {@code .insn op, rd, rs1, rs2, imm} writes any loadable instruction verbatim; the
 * disassembler uses it for instructions whose unused fields are not zero, so that every valid image
 * round-trips. {@code .memory WORDS} sets the RAM size (a power of two, at most once); without it the
 * program gets this assembler's default ({@value #DEFAULT_LOG_MEMORY} → 1024 words unless changed with
 * {@link #withDefaultLogMemoryWords}). Immutable and thread-safe.
 */
public final class Assembler {
  /** log2 of the RAM words of a program without {@code .memory}: 1024 words (segments of ≥ 2^12 rows). */
  public static final int DEFAULT_LOG_MEMORY = 10;

  private final int defaultLogMemory;

  /** An assembler whose programs without {@code .memory} get 2^{@value #DEFAULT_LOG_MEMORY} words of RAM. */
  public Assembler() {
    this(DEFAULT_LOG_MEMORY);
  }

  private Assembler(int defaultLogMemory) {
    if (defaultLogMemory < ProgramImage.MIN_LOG_MEMORY || defaultLogMemory > ProgramImage.MAX_LOG_MEMORY) {
      throw new IllegalArgumentException("RAM size out of range: logM=" + defaultLogMemory + ", allowed=["
          + ProgramImage.MIN_LOG_MEMORY + ", " + ProgramImage.MAX_LOG_MEMORY + "]");
    }
    this.defaultLogMemory = defaultLogMemory;
  }

  /**
   * An assembler whose programs without a {@code .memory} directive get 2^logM words of RAM.
   *
   * @throws IllegalArgumentException if logM is outside the image's range
   */
  public Assembler withDefaultLogMemoryWords(int logM) {
    return new Assembler(logM);
  }

  /**
   * Assembles source text.
   *
   * @throws AsmException at the first error, with its line and column
   */
  public ProgramImage assemble(String source) throws AsmException {
    return assemble(source, null);
  }

  /**
   * Assembles a source file; its {@code .include "FILE"} lines name files relative to the including file.
   *
   * @throws AsmException at the first error, with its file (for included ones), line and column
   * @throws java.io.IOException if the file cannot be read
   */
  public ProgramImage assembleFile(java.nio.file.Path file) throws AsmException, java.io.IOException {
    return assemble(java.nio.file.Files.readString(file), file);
  }

  /**
   * Assembles source text whose {@code .include} lines resolve relative to {@code origin} (null: the
   * source has no file, and {@code .include} is an error saying so).
   *
   * @throws AsmException at the first error, with its file (for included ones), line and column
   */
  public ProgramImage assemble(String source, java.nio.file.Path origin) throws AsmException {
    List<SourceLine> lines = SourceIncludes.expand(source, origin);
    Map<String, Long> symbols = new HashMap<>();
    Pass first = new Pass(symbols, true);
    first.run(lines);
    Pass second = new Pass(symbols, false);
    second.run(lines);
    if (second.code.isEmpty()) {
      throw new AsmException(Math.max(1, lines.size()), 1, "program has no instructions");
    }
    int logM = second.logMemory >= 0 ? second.logMemory : defaultLogMemory;
    for (DataWord dw : second.data) {
      if (dw.address() >= 1L << logM) {
        throw new AsmException(second.dataLines.get(dw.address()), 1, "data address outside RAM: address="
            + dw.address() + ", M=" + (1L << logM) + " (set the RAM size with .memory)");
      }
    }
    try {
      return new ProgramImage(second.code, second.data, logM);
    } catch (IllegalArgumentException e) {
      throw new AsmException(1, 1, e.getMessage());
    }
  }

  /** One pass over the source; the first defines symbols, the second emits code and data. */
  private static final class Pass {
    private final Map<String, Long> symbols;
    private final boolean defining;
    private final List<Instruction> code = new ArrayList<>();
    private final List<DataWord> data = new ArrayList<>();
    private final Set<Long> dataAddresses = new HashSet<>();
    /** Source line of each data word, for errors found after the pass. */
    private final Map<Long, Integer> dataLines = new HashMap<>();
    /** log2 of the RAM words from {@code .memory}, or −1 when absent. */
    private int logMemory = -1;

    Pass(Map<String, Long> symbols, boolean defining) {
      this.symbols = symbols;
      this.defining = defining;
    }

    void run(List<SourceLine> lines) throws AsmException {
      for (SourceLine sl : lines) {
        String text = sl.text();
        int semi = text.indexOf(';');
        if (semi >= 0) {
          text = text.substring(0, semi);
        }
        try {
          line(new AsmLine(AsmToken.lex(text, sl.line()), sl.line(), symbols, defining));
        } catch (AsmException e) {
          throw sl.origin() == null ? e : new AsmException(sl.origin(), e.line(), e.column(), e.reason());
        }
      }
    }

    private void line(AsmLine in) throws AsmException {
      AsmToken first = in.peek();
      if (first.kind() == AsmToken.Kind.IDENT && in.peekAt(1).is(":") && !first.text().startsWith(".")) {
        in.next();
        in.next();
        define(in, first, code.size());
        first = in.peek();
      }
      if (first.kind() == AsmToken.Kind.END) {
        return;
      }
      if (first.kind() != AsmToken.Kind.IDENT) {
        throw in.error(first, "expected a mnemonic or directive but found " + first.describe());
      }
      in.next();
      String word = first.text().toLowerCase(Locale.ROOT);
      switch (word) {
        case ".equ" -> equ(in);
        case ".data" -> data(in);
        case ".memory" -> memory(in, first);
        case ".insn" -> emit(in, first, raw(in));
        default -> emit(in, first, instruction(in, first, word));
      }
      in.expectEnd();
    }

    private void define(AsmLine in, AsmToken name, long value) throws AsmException {
      if (!defining) {
        return;
      }
      if (name.text().startsWith(".") || name.text().matches("(?i)r[0-7]")) {
        throw in.error(name, "'" + name.text() + "' cannot be used as a name");
      }
      if (symbols.putIfAbsent(name.text(), value) != null) {
        throw in.error(name, "'" + name.text() + "' is already defined");
      }
    }

    private void equ(AsmLine in) throws AsmException {
      AsmToken name = in.next();
      if (name.kind() != AsmToken.Kind.IDENT) {
        throw in.error(name, "expected a name after .equ but found " + name.describe());
      }
      in.expect(",");
      // .equ values resolve strictly even in the first pass: only names defined above may be used.
      long value = in.strictImmediate();
      define(in, name, value);
    }

    private void data(AsmLine in) throws AsmException {
      AsmToken at = in.peek();
      long addr = in.immediate();
      if (addr > 0xFFFF_FFFFL) {
        throw in.error(at, "data address does not fit in 32 bits: address=" + Long.toUnsignedString(addr));
      }
      in.expect(":");
      do {
        AsmToken valueAt = in.peek();
        long value = in.immediate();
        if (addr > 0xFFFF_FFFFL) {
          throw in.error(valueAt, "data address does not fit in 32 bits: address=" + addr);
        }
        if (!defining) {
          if (!dataAddresses.add(addr)) {
            throw in.error(valueAt, "data address " + addr + " is already initialised");
          }
          data.add(new DataWord(addr, value));
          dataLines.put(addr, in.lineNo());
        }
        addr++;
        if (!in.peek().is(",")) {
          break;
        }
        in.next();
      } while (true);
    }

    /** {@code .memory WORDS}: the RAM size, a power of two in [2, 2^20], at most once. */
    private void memory(AsmLine in, AsmToken directive) throws AsmException {
      AsmToken at = in.peek();
      long words = in.strictImmediate();
      if (words < 1L << ProgramImage.MIN_LOG_MEMORY || words > 1L << ProgramImage.MAX_LOG_MEMORY
          || Long.bitCount(words) != 1) {
        throw in.error(at, "RAM size must be a power of two in [" + (1 << ProgramImage.MIN_LOG_MEMORY) + ", "
            + (1 << ProgramImage.MAX_LOG_MEMORY) + "]: words=" + Long.toUnsignedString(words));
      }
      if (logMemory >= 0) {
        throw in.error(directive, ".memory is already set");
      }
      logMemory = Long.numberOfTrailingZeros(words);
    }

    private void emit(AsmLine in, AsmToken at, Instruction insn) throws AsmException {
      String problem = ProgramImage.problem(insn);
      if (problem != null) {
        throw in.error(at, problem);
      }
      code.add(insn);
    }

    private Instruction raw(AsmLine in) throws AsmException {
      AsmToken opAt = in.next();
      Opcode op = null;
      for (Opcode o : Opcode.values()) {
        if (o.mnemonic().equalsIgnoreCase(opAt.text()) && opAt.kind() == AsmToken.Kind.IDENT) {
          op = o;
        }
      }
      if (op == null) {
        throw in.error(opAt, "unknown opcode " + opAt.describe() + " in .insn");
      }
      in.expect(",");
      int rd = in.register();
      in.expect(",");
      int rs1 = in.register();
      in.expect(",");
      int rs2 = in.register();
      in.expect(",");
      return new Instruction(op, rd, rs1, rs2, in.immediate());
    }

    private Instruction instruction(AsmLine in, AsmToken at, String m) throws AsmException {
      switch (m) {
        case "add", "sub", "mul", "eq", "lt" -> {
          int rd = in.register();
          in.expect(",");
          int rs1 = in.register();
          in.expect(",");
          long[] b = in.operandB();
          return new Instruction(opcode(m), rd, rs1, (int) b[0], b[1]);
        }
        case "inv" -> {
          int rd = in.register();
          in.expect(",");
          return new Instruction(Opcode.INV, rd, in.register(), 0, 0);
        }
        case "jal" -> {
          int rd = in.register();
          in.expect(",");
          if (in.atRegister()) {
            int rs1 = in.register();
            in.expect(",");
            return new Instruction(Opcode.JAL, rd, rs1, 0, in.immediate());
          }
          return new Instruction(Opcode.JAL, rd, 0, 0, in.immediate());
        }
        case "bnz", "bz" -> {
          int rs1 = in.register();
          in.expect(",");
          return new Instruction(opcode(m), 0, rs1, 0, in.immediate());
        }
        case "load" -> {
          int rd = in.register();
          in.expect(",");
          long[] mem = in.memoryOperand();
          return new Instruction(Opcode.LOAD, rd, (int) mem[0], 0, mem[1]);
        }
        case "poseidon" -> {
          long[] mem = in.memoryOperand();
          return new Instruction(Opcode.POSEIDON, 0, (int) mem[0], 0, mem[1]);
        }
        case "store" -> {
          int rs2 = in.register();
          in.expect(",");
          long[] mem = in.memoryOperand();
          return new Instruction(Opcode.STORE, 0, (int) mem[0], rs2, mem[1]);
        }
        case "read" -> {
          return new Instruction(Opcode.READ, in.register(), 0, 0, 0);
        }
        case "write" -> {
          return new Instruction(Opcode.WRITE, 0, in.register(), 0, 0);
        }
        case "assert" -> {
          int rs1 = in.register();
          in.expect(",");
          long[] b = in.operandB();
          return new Instruction(Opcode.ASSERT, 0, rs1, (int) b[0], b[1]);
        }
        case "halt" -> {
          return new Instruction(Opcode.HALT, 0, 0, 0, 0);
        }
        case "li" -> {
          int rd = in.register();
          in.expect(",");
          return new Instruction(Opcode.ADD, rd, 0, 0, in.immediate());
        }
        case "mov" -> {
          int rd = in.register();
          in.expect(",");
          return new Instruction(Opcode.ADD, rd, in.register(), 0, 0);
        }
        case "nop" -> {
          return new Instruction(Opcode.ADD, 0, 0, 0, 0);
        }
        case "jmp" -> {
          return new Instruction(Opcode.JAL, 0, 0, 0, in.immediate());
        }
        case "call" -> {
          return new Instruction(Opcode.JAL, 7, 0, 0, in.immediate());
        }
        case "ret" -> {
          return new Instruction(Opcode.JAL, 0, 7, 0, 0);
        }
        default -> throw in.error(at, "unknown mnemonic '" + at.text() + "'");
      }
    }

    private static Opcode opcode(String mnemonic) {
      return Opcode.valueOf(mnemonic.toUpperCase(Locale.ROOT));
    }
  }
}

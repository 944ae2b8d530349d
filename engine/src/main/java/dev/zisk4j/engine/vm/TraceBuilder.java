package dev.zisk4j.engine.vm;

import dev.zisk4j.engine.field.Goldilocks;
import java.io.IOException;
import java.util.Arrays;

/**
 * Executes one segment and fills the 72 main columns of engine.md §3.1: processor rows (state before
 * each cycle plus decode), the memory region sorted by (address, clock), and the multiplicities of
 * the program, clock-range and byte tables.
 *
 * <p>Row i ≤ N−2 holds cycle i; after HALT or a segment limit the remaining rows are STALL; row N−1
 * holds only the end state. Stateless; each {@link #build} allocates its own columns.
 */
public final class TraceBuilder {
  private final ProgramImage image;
  private final Executor executor;
  private final boolean poseidon;

  public TraceBuilder(ProgramImage image) {
    this.image = image;
    this.executor = new Executor(image);
    this.poseidon = PrecompileSupport.usesPoseidon(image);
  }

  /**
   * Runs from {@code start} (which is advanced to the segment's end) and returns its trace.
   *
   * @param rows N, a power of two ≥ 512
   * @return the trace; {@code outcome()} is FAULT if the guest faulted (then the trace is partial and
   *     must not be proven)
   * @throws IllegalArgumentException if the shape is invalid (rows not a power of two ≥ 512, M > N/4)
   *     or the program does not fit (n > N−1)
   * @throws IOException if the input tape fails
   */
  public SegmentTrace build(VmState start, InputTape in, int rows) throws IOException {
    int m = start.memoryWords();
    if (rows < TraceLayout.MIN_ROWS || Integer.bitCount(rows) != 1 || m > rows / 4) {
      throw new IllegalArgumentException("bad segment shape: rows=" + rows + ", M=" + m
          + " (need rows a power of two >= " + TraceLayout.MIN_ROWS + " and M <= rows/4)");
    }
    if (image.size() > rows - 1) {
      throw new IllegalArgumentException("program too long for the segment: n=" + image.size() + ", max=" + (rows - 1));
    }
    VmState before = start.copy();
    long[][] c = new long[TraceLayout.mainColumns(poseidon)][rows];
    Recorder rec = new Recorder(c, rows, m);
    OutputTape out = new OutputTape();
    RunOutcome outcome = executor.run(start, in, out, RunLimits.segment(rows, m), rec);
    for (int row = rec.row; row < rows; row++) {
      fillState(c, row, start, rec.icnt, rec.ocnt);
      fillStall(c, row);
    }
    rec.fillMemory(before.memory, start.memory);
    return new SegmentTrace(c, before, start.copy(), Arrays.copyOf(rec.inputs, rec.inputCount), out.toArray(), outcome,
        rec.permutations);
  }

  private static void fillState(long[][] c, int row, VmState s, long icnt, long ocnt) {
    c[TraceLayout.PC][row] = s.pc;
    for (int i = 1; i < 8; i++) {
      c[TraceLayout.R0 + i][row] = s.regs[i];
    }
    c[TraceLayout.ICNT][row] = icnt;
    c[TraceLayout.OCNT][row] = ocnt;
  }

  private static void fillStall(long[][] c, int row) {
    c[TraceLayout.F0 + Opcode.STALL.code()][row] = 1;
    c[TraceLayout.SD0][row] = 1;
    c[TraceLayout.SA0][row] = 1;
    c[TraceLayout.SB0][row] = 1;
    c[TraceLayout.WORD][row] = Opcode.STALL.code();
  }

  /** Fills one processor row per cycle and remembers the memory accesses. */
  private static final class Recorder implements StepObserver {
    private final long[][] c;
    private final int rows;
    private final int memoryWords;
    int row;
    long icnt;
    long ocnt;
    long[] inputs = new long[64];
    int inputCount;
    // memory accesses in clock order: address, value, write flag (clock = row + 1)
    private int[] accAddr = new int[64];
    private long[] accVal = new long[64];
    private boolean[] accWrite = new boolean[64];
    private int[] accClock = new int[64];
    private int accesses;
    final java.util.List<long[]> permutations = new java.util.ArrayList<>();
    private dev.zisk4j.engine.hash.Poseidon hasher;

    Recorder(long[][] c, int rows, int memoryWords) {
      this.c = c;
      this.rows = rows;
      this.memoryWords = memoryWords;
    }

    @Override
    public void onStep(VmState s, Instruction insn, long res, long memAddress) {
      Opcode op = insn.op();
      if (op == Opcode.POSEIDON) {
        onPoseidon(s, insn, memAddress);
        return;
      }
      int i = row++;
      fillState(c, i, s, icnt, ocnt);
      long a = s.regs[insn.rs1()];
      long b = Goldilocks.add(s.regs[insn.rs2()], insn.imm());
      c[TraceLayout.WORD][i] = insn.word();
      c[TraceLayout.IMM][i] = insn.imm();
      c[TraceLayout.F0 + op.code()][i] = 1;
      c[TraceLayout.SD0 + insn.rd()][i] = 1;
      c[TraceLayout.SA0 + insn.rs1()][i] = 1;
      c[TraceLayout.SB0 + insn.rs2()][i] = 1;
      c[TraceLayout.A][i] = a;
      c[TraceLayout.B][i] = b;
      long stored = op == Opcode.STORE || op == Opcode.WRITE || op == Opcode.ASSERT || op == Opcode.HALT ? 0 : res;
      c[TraceLayout.RES][i] = stored;
      switch (op) {
        case EQ -> c[TraceLayout.H][i] = a == b ? 0 : Goldilocks.inv(Goldilocks.sub(a, b));
        case BNZ, BZ -> c[TraceLayout.H][i] = a == 0 ? 0 : Goldilocks.inv(a);
        case LT -> {
          long v = res == 1 ? Goldilocks.sub(Goldilocks.sub(b, a), 1) : Goldilocks.sub(a, b);
          for (int j = 0; j < 4; j++) {
            long byteVal = (v >>> (8 * j)) & 0xFF;
            c[TraceLayout.K0 + j][i] = byteVal;
            c[TraceLayout.BM][(int) byteVal]++;
          }
        }
        case LOAD, STORE -> {
          c[TraceLayout.MADDR][i] = memAddress;
          c[TraceLayout.MVAL][i] = res;
          recordAccess((int) memAddress, res, op == Opcode.STORE, i + 1);
        }
        case READ -> {
          icnt++;
          if (inputCount == inputs.length) {
            inputs = Arrays.copyOf(inputs, inputCount * 2);
          }
          inputs[inputCount++] = res;
        }
        case WRITE -> ocnt++;
        default -> { }
      }
      c[TraceLayout.PM][(int) s.pc]++;
    }

    /**
     * The 24 micro-rows of a POSEIDON (PRECOMPILES.md §3): j < 12 reads RAM[A+j], j ≥ 12 writes the
     * permuted word back to RAM[A+j−12]; pc, registers and counters stay; each row looks the
     * instruction up on the program bus.
     */
    private void onPoseidon(VmState s, Instruction insn, long addr) {
      if (hasher == null) {
        hasher = new dev.zisk4j.engine.hash.Poseidon();
      }
      int w = dev.zisk4j.engine.hash.Poseidon.WIDTH;
      long[] in = Arrays.copyOfRange(s.memory, (int) addr, (int) addr + w);
      long[] out = in.clone();
      hasher.permute(out);
      permutations.add(in);
      long a = s.regs[insn.rs1()];
      long b = Goldilocks.add(s.regs[insn.rs2()], insn.imm());
      for (int j = 0; j < 2 * w; j++) {
        int i = row++;
        fillState(c, i, s, icnt, ocnt);
        c[TraceLayout.WORD][i] = insn.word();
        c[TraceLayout.IMM][i] = insn.imm();
        c[TraceLayout.F_POS][i] = 1;
        c[TraceLayout.SD0][i] = 1;
        c[TraceLayout.SA0 + insn.rs1()][i] = 1;
        c[TraceLayout.SB0 + insn.rs2()][i] = 1;
        c[TraceLayout.A][i] = a;
        c[TraceLayout.B][i] = b;
        boolean write = j >= w;
        long value = write ? out[j - w] : in[j];
        int address = (int) addr + (write ? j - w : j);
        c[TraceLayout.MADDR][i] = address;
        c[TraceLayout.MVAL][i] = value;
        c[TraceLayout.PJ][i] = j;
        c[TraceLayout.PW][i] = write ? 1 : 0;
        c[TraceLayout.PL][i] = j == 2 * w - 1 ? 1 : 0;
        recordAccess(address, value, write, i + 1);
        c[TraceLayout.PM][(int) s.pc]++;
      }
    }

    private void recordAccess(int addr, long value, boolean write, int clock) {
      if (accesses == accAddr.length) {
        int n = accesses * 2;
        accAddr = Arrays.copyOf(accAddr, n);
        accVal = Arrays.copyOf(accVal, n);
        accWrite = Arrays.copyOf(accWrite, n);
        accClock = Arrays.copyOf(accClock, n);
      }
      accAddr[accesses] = addr;
      accVal[accesses] = value;
      accWrite[accesses] = write;
      accClock[accesses] = clock;
      accesses++;
    }

    /** Memory region: per address its initial row then its accesses by clock, then padding. */
    void fillMemory(long[] initial, long[] fin) {
      // counting sort by address keeps clock order within an address (accesses arrive in clock order)
      int[] start = new int[memoryWords + 1];
      for (int k = 0; k < accesses; k++) {
        start[accAddr[k] + 1]++;
      }
      for (int a = 0; a < memoryWords; a++) {
        start[a + 1] += start[a];
      }
      int[] order = new int[accesses];
      int[] fill = Arrays.copyOf(start, memoryWords);
      for (int k = 0; k < accesses; k++) {
        order[fill[accAddr[k]]++] = k;
      }
      int r = 0;
      for (int a = 0; a < memoryWords; a++) {
        c[TraceLayout.MA][r] = a;
        c[TraceLayout.MV][r] = initial[a];
        c[TraceLayout.MN][r] = 1;
        r++;
        int prevClock = 0;
        for (int j = start[a]; j < start[a + 1]; j++) {
          int k = order[j];
          c[TraceLayout.MA][r] = a;
          c[TraceLayout.MC][r] = accClock[k];
          c[TraceLayout.MV][r] = accVal[k];
          c[TraceLayout.MW][r] = accWrite[k] ? 1 : 0;
          int md = accClock[k] - prevClock - 1;
          c[TraceLayout.MD][r] = md;
          c[TraceLayout.RM][md]++;
          prevClock = accClock[k];
          r++;
        }
      }
      for (; r < rows; r++) {
        c[TraceLayout.MA][r] = memoryWords - 1;
        c[TraceLayout.MV][r] = fin[memoryWords - 1];
        c[TraceLayout.MP][r] = 1;
      }
    }
  }
}

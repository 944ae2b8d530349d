package dev.zisk4j.engine.vm;

/**
 * The mutable machine state between cycles: pc, r0..r7 (r0 always 0), RAM, cycle count and tape
 * positions. Owned by one executor at a time; {@link #copy()} snapshots it (a segment checkpoint).
 */
public final class VmState {
  long pc;
  final long[] regs = new long[Instruction.REGISTERS];
  final long[] memory;
  long cycles;
  long inputPosition;
  long outputPosition;
  long permutations;

  /**
   * The initial state of a program: pc 0, registers 0, the image's RAM of M words, zero plus the
   * image's data words (which the image guarantees lie below M).
   */
  public static VmState initial(ProgramImage image) {
    VmState s = new VmState(image.memoryWords());
    for (DataWord dw : image.data()) {
      s.memory[(int) dw.address()] = dw.value();
    }
    return s;
  }

  /**
   * A state from its parts (a checkpoint received over the wire).
   *
   * @param regs r0..r7 (r0 must be 0)
   * @throws IllegalArgumentException for non-canonical values, r0 ≠ 0 or negative positions
   */
  public static VmState of(long pc, long[] regs, long[] memory, long cycles, long inputPosition, long outputPosition) {
    if (regs.length != Instruction.REGISTERS || regs[0] != 0) {
      throw new IllegalArgumentException("need r0..r7 with r0 = 0: length=" + regs.length);
    }
    VmState s = new VmState(memory.length);
    s.pc = dev.zisk4j.engine.field.Goldilocks.checked(pc);
    for (int i = 0; i < regs.length; i++) {
      s.regs[i] = dev.zisk4j.engine.field.Goldilocks.checked(regs[i]);
    }
    for (int i = 0; i < memory.length; i++) {
      s.memory[i] = dev.zisk4j.engine.field.Goldilocks.checked(memory[i]);
    }
    if (cycles < 0 || inputPosition < 0 || outputPosition < 0) {
      throw new IllegalArgumentException("negative counter: cycles=" + cycles + ", inputPosition=" + inputPosition
          + ", outputPosition=" + outputPosition);
    }
    s.cycles = cycles;
    s.inputPosition = inputPosition;
    s.outputPosition = outputPosition;
    return s;
  }

  private VmState(int memoryWords) {
    if (memoryWords <= 0) {
      throw new IllegalArgumentException("memory must have words: M=" + memoryWords);
    }
    this.memory = new long[memoryWords];
  }

  /** A deep copy. */
  public VmState copy() {
    VmState c = new VmState(memory.length);
    c.pc = pc;
    System.arraycopy(regs, 0, c.regs, 0, regs.length);
    System.arraycopy(memory, 0, c.memory, 0, memory.length);
    c.cycles = cycles;
    c.inputPosition = inputPosition;
    c.outputPosition = outputPosition;
    c.permutations = permutations;
    return c;
  }

  public long pc() {
    return pc;
  }

  /** Register i (0..7). */
  public long reg(int i) {
    return regs[i];
  }

  /** A copy of r0..r7. */
  public long[] registers() {
    return regs.clone();
  }

  /** A copy of the RAM. */
  public long[] memory() {
    return memory.clone();
  }

  /** RAM word at address. */
  public long memoryAt(int address) {
    return memory[address];
  }

  /** Number of RAM words M. */
  public int memoryWords() {
    return memory.length;
  }

  /** Cycles executed since the start of the program. */
  public long cycles() {
    return cycles;
  }

  /** Input words read so far. */
  public long inputPosition() {
    return inputPosition;
  }

  /** POSEIDON instructions executed by runs on this state (not part of a checkpoint's wire form). */
  public long permutations() {
    return permutations;
  }

  /** Output elements written so far. */
  public long outputPosition() {
    return outputPosition;
  }
}

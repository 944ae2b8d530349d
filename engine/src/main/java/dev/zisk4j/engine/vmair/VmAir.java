package dev.zisk4j.engine.vmair;

import static dev.zisk4j.engine.vm.TraceLayout.*;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.vm.Instruction;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.SegmentTrace;
import dev.zisk4j.engine.vm.VmState;
import java.util.List;

/**
 * The VM's AIR (engine.md §3): constraints from {@link VmConstraints}, preprocessed program and
 * table columns, aux columns from {@link VmAuxBuilder}, and the ext public values.
 *
 * <p>An instance made by {@link #of} knows the program and shape only; {@link #bind} attaches one
 * segment's public claims (the tape slices the verifier derives E_IN and E_OUT from, and the RAM
 * fingerprints MEM_IN and MEM_OUT), which {@link #extPublics} needs. Immutable and thread-safe.
 */
public final class VmAir implements Air {
  private final ProgramImage image;
  private final int memoryWords;
  private final InputMode mode;
  private final ConstraintSystem cs;
  private final long[] inputSlice;
  private final long[] outputs;
  private final Ext2 memIn;
  private final Ext2 memOut;

  private VmAir(ProgramImage image, int memoryWords, InputMode mode, ConstraintSystem cs,
      long[] inputSlice, long[] outputs, Ext2 memIn, Ext2 memOut) {
    this.image = image;
    this.memoryWords = memoryWords;
    this.mode = mode;
    this.cs = cs;
    this.inputSlice = inputSlice;
    this.outputs = outputs;
    this.memIn = memIn;
    this.memOut = memOut;
  }

  /** The AIR of a program for RAM of {@code memoryWords} words, not yet bound to a statement. */
  public static VmAir of(ProgramImage image, int memoryWords, InputMode mode) {
    return new VmAir(image, memoryWords, mode, VmConstraints.build(memoryWords, mode == InputMode.PUBLIC),
        null, null, null, null);
  }

  /**
   * This AIR bound to one segment's claims.
   *
   * @param inputSlice the tape values the segment reads (ignored in private mode; may be null there)
   * @param outputs the elements the segment writes
   */
  public VmAir bind(long[] inputSlice, long[] outputs, Ext2 memIn, Ext2 memOut) {
    return new VmAir(image, memoryWords, mode, cs, inputSlice == null ? null : inputSlice.clone(),
        outputs.clone(), memIn, memOut);
  }

  @Override
  public String name() {
    return "zisk4j/vm/v1";
  }

  @Override
  public ConstraintSystem constraints() {
    return cs;
  }

  public InputMode mode() {
    return mode;
  }

  public int memoryWords() {
    return memoryWords;
  }

  public ProgramImage image() {
    return image;
  }

  /** PPC, PWORD, PIMM (program rows, then copies of row n−1), RIDX = i, BYTE = min(i, 255). */
  @Override
  public long[][] preprocessed(int rows) {
    List<Instruction> code = image.code();
    if (code.size() > rows - 1) {
      throw new IllegalArgumentException("program too long for the segment: n=" + code.size() + ", max=" + (rows - 1));
    }
    long[][] p = new long[PRE_COLUMNS][rows];
    for (int i = 0; i < rows; i++) {
      int pc = Math.min(i, code.size() - 1);
      p[PPC][i] = pc;
      p[PWORD][i] = code.get(pc).word();
      p[PIMM][i] = code.get(pc).imm();
      p[RIDX][i] = i;
      p[BYTE][i] = Math.min(i, 255);
    }
    return p;
  }

  @Override
  public long[][] buildAux(long[][] pre, long[][] main, Challenges challenges, PublicValues publics) {
    return new VmAuxBuilder(pre, main, challenges).build();
  }

  /**
   * E_IN, E_OUT (Horner sums of the bound tape slices), MEM_IN, MEM_OUT (the bound claims).
   *
   * @throws IllegalStateException if the AIR is not bound to a statement
   */
  @Override
  public long[] extPublics(long[] basePublics, Challenges challenges) {
    if (outputs == null || memIn == null || memOut == null || (mode == InputMode.PUBLIC && inputSlice == null)) {
      throw new IllegalStateException("VmAir not bound to a segment statement: call bind(...) first");
    }
    Ext2 eIn = mode == InputMode.PUBLIC ? horner(challenges.get(VmChallenges.GAMMA_IN), inputSlice) : Ext2.ZERO;
    Ext2 eOut = horner(challenges.get(VmChallenges.GAMMA_OUT), outputs);
    return new long[] {eIn.c0(), eIn.c1(), eOut.c0(), eOut.c1(), memIn.c0(), memIn.c1(), memOut.c0(), memOut.c1()};
  }

  /** Σ_k v_k·γ^(L−1−k). */
  static Ext2 horner(Ext2 gamma, long[] values) {
    Ext2 e = Ext2.ZERO;
    for (long v : values) {
      e = e.mul(gamma).add(Ext2.of(v));
    }
    return e;
  }

  /**
   * The 18 base public values of a segment: start/end pc and r1..r7, tape lengths.
   *
   * @param regsStart r1..r7 at the start (7 values); likewise {@code regsEnd}
   */
  public static long[] basePublics(long pcStart, long[] regsStart, long pcEnd, long[] regsEnd, long inLen, long outLen) {
    long[] p = new long[VmPublics.BASE_COUNT];
    p[VmPublics.PC_START] = pcStart;
    p[VmPublics.PC_END] = pcEnd;
    System.arraycopy(regsStart, 0, p, VmPublics.R_START, 7);
    System.arraycopy(regsEnd, 0, p, VmPublics.R_END, 7);
    p[VmPublics.IN_LEN] = inLen;
    p[VmPublics.OUT_LEN] = outLen;
    return p;
  }

  /** The base publics of a built trace. */
  public static long[] basePublics(SegmentTrace t) {
    return basePublics(t.start().pc(), r1to7(t.start()), t.end().pc(), r1to7(t.end()), t.inputRead().length,
        t.outputs().length);
  }

  /** r1..r7 of a state. */
  public static long[] r1to7(VmState s) {
    return java.util.Arrays.copyOfRange(s.registers(), 1, 8);
  }

  /** MEM_IN and MEM_OUT as the honest prover computes them from its aux columns. */
  public static Ext2[] memoryFingerprints(long[][] aux, long[][] main, Challenges challenges) {
    return new Ext2[] {VmAuxBuilder.memIn(aux), VmAuxBuilder.memOut(aux, main, challenges)};
  }
}

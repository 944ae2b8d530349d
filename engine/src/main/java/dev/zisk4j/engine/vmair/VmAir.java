package dev.zisk4j.engine.vmair;

import static dev.zisk4j.engine.vm.TraceLayout.*;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.stark.SecurityEstimate;
import dev.zisk4j.engine.vm.Instruction;
import dev.zisk4j.engine.vm.PrecompileSupport;
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
  private final Ext memIn;
  private final Ext memOut;
  private final boolean poseidon;
  private final Ext posSum;

  private VmAir(ProgramImage image, int memoryWords, InputMode mode, ConstraintSystem cs,
      long[] inputSlice, long[] outputs, Ext memIn, Ext memOut, boolean poseidon, Ext posSum) {
    this.image = image;
    this.memoryWords = memoryWords;
    this.mode = mode;
    this.cs = cs;
    this.inputSlice = inputSlice;
    this.outputs = outputs;
    this.memIn = memIn;
    this.memOut = memOut;
    this.poseidon = poseidon;
    this.posSum = posSum;
  }

  /**
   * The AIR of a program (for its RAM size), not yet bound to a statement: the precompile variant
   * (PRECOMPILES.md §3) if the program contains POSEIDON, else the plain VM AIR.
   */
  public static VmAir of(ProgramImage image, InputMode mode) {
    int memoryWords = image.memoryWords();
    boolean poseidon = PrecompileSupport.usesPoseidon(image);
    return new VmAir(image, memoryWords, mode, VmConstraints.build(memoryWords, mode == InputMode.PUBLIC, poseidon),
        null, null, null, null, poseidon, null);
  }

  /** True for the precompile variant: 10 challenges, the POS_SUM ext public, Poseidon instances beside. */
  public boolean usesPoseidon() {
    return poseidon;
  }

  /**
   * The soundness of the global challenges of a run of {@code segments} segments (engine.md §1.2, §5):
   * the degrees a false statement must hit by chance, with the {@code powBits} ground before the
   * challenges are drawn. Each identity is a sum of fractions s/D; clearing the denominators gives a
   * polynomial in the challenges of degree (fractions × deg D), and a denominator that vanishes is the
   * same degree again, hence the factor 2. Per segment of N rows:
   * <pre>
   *   Lp   program bus    2N fractions, D of degree 2 in (αp, β)      2·2N·2 =  8N
   *   Lm   memory bus     2N fractions, degree 3 (β³·write flag)      2·2N·3 = 12N
   *   Lr   clock range    2N fractions, degree 1                      2·2N·1 =  4N
   *   Lb   byte bus       5N fractions (4 queries + table), degree 1  2·5N·1 = 10N
   *   E_IN, E_OUT  Horner sums of ≤ N tape values in γ                          2N
   * </pre>
   * so e1 = 36N·k over the k segments' traces. The RAM fingerprints link two traces (MEM_OUT of one
   * segment, MEM_IN of the next; the first against the verifier's initial RAM): 2M fractions of degree 2
   * (αio − a − β·v) per link, e2 = 2·2M·2·k = 8M·k.
   */
  public static SecurityEstimate.ChallengeRound globalRound(int rows, int memoryWords, int segments, int powBits) {
    double k = segments;
    return new SecurityEstimate.ChallengeRound(36.0 * rows * k, 8.0 * memoryWords * k, powBits);
  }

  /**
   * This AIR bound to one segment's claims.
   *
   * @param inputSlice the tape values the segment reads (ignored in private mode; may be null there)
   * @param outputs the elements the segment writes
   */
  public VmAir bind(long[] inputSlice, long[] outputs, Ext memIn, Ext memOut) {
    return bind(inputSlice, outputs, memIn, memOut, null);
  }

  /**
   * As {@link #bind(long[], long[], Ext, Ext)} with the segment's Poseidon bus sum (POS_SUM), which the
   * precompile variant requires and the plain AIR refuses.
   *
   * @throws IllegalArgumentException if posSum is given to the plain AIR or missing for the variant
   */
  public VmAir bind(long[] inputSlice, long[] outputs, Ext memIn, Ext memOut, Ext posSum) {
    if ((posSum != null) != poseidon) {
      throw new IllegalArgumentException("POS_SUM is given exactly to the precompile variant: poseidon=" + poseidon);
    }
    return new VmAir(image, memoryWords, mode, cs, inputSlice == null ? null : inputSlice.clone(),
        outputs.clone(), memIn, memOut, poseidon, posSum);
  }

  @Override
  public String name() {
    return poseidon ? "zisk4j/vm/v1+poseidon" : "zisk4j/vm/v1";
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
    ExtField f = challenges.field();
    if (memIn.field() != f || memOut.field() != f || (posSum != null && posSum.field() != f)) {
      throw new IllegalArgumentException("memory fingerprints are not in the challenges' field: degree=" + f.degree());
    }
    Ext eIn = mode == InputMode.PUBLIC ? horner(challenges.get(VmChallenges.GAMMA_IN), inputSlice) : f.zero();
    Ext eOut = horner(challenges.get(VmChallenges.GAMMA_OUT), outputs);
    return poseidon ? f.flatten(eIn, eOut, memIn, memOut, posSum) : f.flatten(eIn, eOut, memIn, memOut);
  }

  /** Σ_k v_k·γ^(L−1−k). */
  static Ext horner(Ext gamma, long[] values) {
    ExtField f = gamma.field();
    Ext e = f.zero();
    for (long v : values) {
      e = e.mul(gamma).add(f.of(v));
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

  /** POS_SUM (the Poseidon bus sum, Lpos at N−1) as the honest prover computes it; precompile variant only. */
  public static Ext posSum(long[][] aux, Challenges challenges) {
    return VmAuxBuilder.posSum(aux, challenges.field());
  }

  /** MEM_IN and MEM_OUT as the honest prover computes them from its aux columns. */
  public static Ext[] memoryFingerprints(long[][] aux, long[][] main, Challenges challenges) {
    return new Ext[] {VmAuxBuilder.memIn(aux, challenges.field()), VmAuxBuilder.memOut(aux, main, challenges)};
  }
}

package dev.zisk4j.engine.vm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated program: instructions (entry pc 0) and initial RAM words. Immutable.
 *
 * <p>The byte form is {@link ProgramImageFormat}; {@link #imageId()} is SHA-256 of it and is what
 * statements and the cluster use to name a program.
 */
public final class ProgramImage {
  private final List<Instruction> code;
  private final List<DataWord> data;
  private final byte[] bytes;

  /**
   * Builds an image from instructions and data.
   *
   * @throws IllegalArgumentException if there are no instructions, one is a STALL or sets rd where
   *     forced to r0, or a data address repeats
   */
  public ProgramImage(List<Instruction> code, List<DataWord> data) {
    this.code = List.copyOf(code);
    this.data = List.copyOf(data);
    if (this.code.isEmpty()) {
      throw new IllegalArgumentException("program has no instructions: n=0");
    }
    for (int pc = 0; pc < this.code.size(); pc++) {
      String problem = problem(this.code.get(pc));
      if (problem != null) {
        throw new IllegalArgumentException(problem + ": pc=" + pc);
      }
    }
    Set<Long> seen = new HashSet<>();
    for (DataWord dw : this.data) {
      if (!seen.add(dw.address())) {
        throw new IllegalArgumentException("repeated data address: address=" + dw.address());
      }
    }
    this.bytes = ProgramImageFormat.encode(this.code, this.data);
  }

  /** Null if the instruction may appear in an image, else what is wrong with it. */
  static String problem(Instruction insn) {
    if (insn.op() == Opcode.STALL) {
      return "STALL cannot appear in a program";
    }
    if (insn.op().forcesRd0() && insn.rd() != 0) {
      return "rd must be r0 for " + insn.op() + ": rd=" + insn.rd();
    }
    return null;
  }

  /**
   * Parses an image from its bytes.
   *
   * @throws MalformedImageException naming the first problem found
   */
  public static ProgramImage decode(byte[] bytes) throws MalformedImageException {
    return ProgramImageFormat.decode(bytes);
  }

  /** The image bytes (a fresh copy). */
  public byte[] encode() {
    return bytes.clone();
  }

  /** SHA-256 of the image bytes. */
  public byte[] imageId() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without SHA-256", e);
    }
  }

  /** The instructions in pc order. */
  public List<Instruction> code() {
    return code;
  }

  /** The initial RAM words, in image order. */
  public List<DataWord> data() {
    return data;
  }

  /** Number of instructions n. */
  public int size() {
    return code.size();
  }

  /**
   * Checks the loader limits that depend on the segment shape: n ≤ rows−1 and every data address
   * below memoryWords.
   *
   * @throws MalformedImageException if a limit is exceeded
   */
  public void checkFits(int rows, int memoryWords) throws MalformedImageException {
    if (code.size() > rows - 1) {
      throw new MalformedImageException(
          "program too long for the segment: n=" + code.size() + ", max=" + (rows - 1));
    }
    for (DataWord dw : data) {
      if (dw.address() >= memoryWords) {
        throw new MalformedImageException(
            "data address outside RAM: address=" + dw.address() + ", M=" + memoryWords);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProgramImage other && java.util.Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }
}

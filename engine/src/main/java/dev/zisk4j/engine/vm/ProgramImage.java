package dev.zisk4j.engine.vm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated program: instructions (entry pc 0), initial RAM words and the RAM size M = 2^logM.
 * Immutable.
 *
 * <p>The RAM size belongs to the program: a LOAD or STORE at an address ≥ M faults, so the same code
 * with another M is another machine and another statement. The byte form is {@link
 * ProgramImageFormat}; {@link #imageId()} is SHA-256 of it (so it covers M) and is what statements
 * and the cluster use to name a program.
 */
public final class ProgramImage {
  /** Smallest RAM: 2 words. */
  public static final int MIN_LOG_MEMORY = 1;
  /** Largest RAM: 2^20 words (M ≤ N/4 and segments have at most 2^22 rows). */
  public static final int MAX_LOG_MEMORY = 20;

  private final List<Instruction> code;
  private final List<DataWord> data;
  private final int logMemoryWords;
  private final byte[] bytes;

  /**
   * Builds an image from instructions, data and the RAM size.
   *
   * @param logMemoryWords log2 of the RAM words M, in [{@value #MIN_LOG_MEMORY}, {@value #MAX_LOG_MEMORY}]
   * @throws IllegalArgumentException if there are no instructions, one is a STALL or sets rd where
   *     forced to r0, a data address repeats or lies outside RAM, or logMemoryWords is out of range
   */
  public ProgramImage(List<Instruction> code, List<DataWord> data, int logMemoryWords) {
    this.code = List.copyOf(code);
    this.data = List.copyOf(data);
    if (logMemoryWords < MIN_LOG_MEMORY || logMemoryWords > MAX_LOG_MEMORY) {
      throw new IllegalArgumentException("RAM size out of range: logM=" + logMemoryWords + ", allowed=["
          + MIN_LOG_MEMORY + ", " + MAX_LOG_MEMORY + "]");
    }
    this.logMemoryWords = logMemoryWords;
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
      if (dw.address() >= 1L << logMemoryWords) {
        throw new IllegalArgumentException("data address outside RAM: address=" + dw.address() + ", M="
            + (1L << logMemoryWords));
      }
    }
    this.bytes = ProgramImageFormat.encode(this.code, this.data, logMemoryWords);
  }

  /** The same code and data for RAM of 2^logMemoryWords words: another program, with another imageId. */
  public ProgramImage withLogMemoryWords(int logMemoryWords) {
    return new ProgramImage(code, data, logMemoryWords);
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

  /** log2 of the RAM words. */
  public int logMemoryWords() {
    return logMemoryWords;
  }

  /** RAM words M. */
  public int memoryWords() {
    return 1 << logMemoryWords;
  }

  /**
   * Checks the loader limits that depend on the segment shape: n ≤ rows−1 and M ≤ rows/4 (the
   * memory region holds one initial row per address plus the accesses, engine.md §3.3).
   *
   * @throws MalformedImageException if a limit is exceeded
   */
  public void checkFits(int rows) throws MalformedImageException {
    if (code.size() > rows - 1) {
      throw new MalformedImageException(
          "program too long for the segment: n=" + code.size() + ", max=" + (rows - 1));
    }
    if (memoryWords() > rows / 4) {
      throw new MalformedImageException("program RAM too large for the segment: M=" + memoryWords()
          + ", rows=" + rows + " (needs M <= rows/4)");
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

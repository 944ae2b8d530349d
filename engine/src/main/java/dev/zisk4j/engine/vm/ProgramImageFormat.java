package dev.zisk4j.engine.vm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one class that knows the bytes of a program image "JZKP" (engine.md §2.1). All little-endian.
 *
 * <pre>
 *  version 2 (written and read):
 *  0        4        6       7        11
 *  +--------+--------+-------+--------+--------------------------+--------+------------------------------+
 *  | "JZKP" | u16 ver| u8 logM| u32 n | n × (u32 word, u64 imm)  | u32 d  | d × (u32 addr, u64 value)    |
 *  +--------+--------+-------+--------+--------------------------+--------+------------------------------+
 *                                       each entry 12 bytes                  each entry 12 bytes
 * </pre>
 *
 * The version is read first and chooses the rest of the layout, so a later format (a new field, new
 * instructions) is a new version beside this one. Version 2 added logM: the machine's RAM has 2^logM
 * words, so the RAM size is part of the program and of its imageId, never a choice of whoever proves
 * it. Version 1 (no logM) is refused with a message saying so: reading it would need exactly the
 * guess about M that version 2 removes. The POSEIDON opcode (PRECOMPILES.md §1) did not move the
 * version: its word is ≥ 2^13, which earlier readers of version 2 refuse, and every other word is
 * unchanged, so no image is ever read two ways.
 *
 * <p>Decoding is strict: structural problems (magic, version, logM outside [{@value
 * ProgramImage#MIN_LOG_MEMORY}, {@value ProgramImage#MAX_LOG_MEMORY}], truncation, trailing bytes, words ≥
 * 2^15, unknown opcodes, STALL, rd ≠ r0 where forced, non-canonical imm/value, repeated data addresses or addresses ≥ M,
 * n = 0) throw {@link MalformedImageException}. The limits that depend on the segment shape (n ≤ N−1,
 * M ≤ N/4) are checked by {@link ProgramImage#checkFits}.
 */
public final class ProgramImageFormat {
  /** Magic bytes "JZKP". */
  public static final byte[] MAGIC = "JZKP".getBytes(StandardCharsets.US_ASCII);
  /** The only version this code writes and reads. */
  public static final int VERSION = 2;
  /** Offset of the u16 version. */
  public static final int VERSION_OFFSET = 4;
  /** Offset of the u8 logM (RAM words 2^logM). */
  public static final int LOG_MEMORY_OFFSET = 6;
  /** Offset of the u32 instruction count n. */
  public static final int COUNT_OFFSET = 7;
  /** Offset of the first instruction entry. */
  public static final int CODE_OFFSET = 11;
  /** Bytes per instruction entry (u32 word, u64 imm) and per data entry (u32 addr, u64 value). */
  public static final int ENTRY_BYTES = 12;

  private ProgramImageFormat() {}

  /** Offset of the u32 data count d, for an image of n instructions. */
  public static int dataCountOffset(int n) {
    return CODE_OFFSET + n * ENTRY_BYTES;
  }

  /** Total image size for n instructions and d data words. */
  public static int size(int n, int d) {
    return dataCountOffset(n) + 4 + d * ENTRY_BYTES;
  }

  /** Writes an image; the inputs are already validated by {@link ProgramImage}. */
  static byte[] encode(List<Instruction> code, List<DataWord> data, int logMemoryWords) {
    ByteBuffer buf = ByteBuffer.allocate(size(code.size(), data.size())).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putShort((short) VERSION).put((byte) logMemoryWords).putInt(code.size());
    for (Instruction insn : code) {
      buf.putInt(insn.word()).putLong(insn.imm());
    }
    buf.putInt(data.size());
    for (DataWord dw : data) {
      buf.putInt((int) dw.address()).putLong(dw.value());
    }
    return buf.array();
  }

  /**
   * Parses and validates an image.
   *
   * @throws MalformedImageException naming the offending field, value and byte offset
   */
  static ProgramImage decode(byte[] bytes) throws MalformedImageException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < VERSION_OFFSET + 2) {
      throw new MalformedImageException("image truncated in header: length=" + bytes.length);
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new MalformedImageException("bad magic: expected \"JZKP\"");
      }
    }
    int version = Short.toUnsignedInt(buf.getShort(VERSION_OFFSET));
    if (version == 1) {
      throw new MalformedImageException("image version 1 has no RAM size; reassemble the program (version "
          + VERSION + " carries logM): version=1");
    }
    if (version != VERSION) {
      throw new MalformedImageException("unsupported image version: version=" + version + ", expected=" + VERSION);
    }
    if (bytes.length < CODE_OFFSET) {
      throw new MalformedImageException("image truncated in header: length=" + bytes.length);
    }
    int logM = Byte.toUnsignedInt(bytes[LOG_MEMORY_OFFSET]);
    if (logM < ProgramImage.MIN_LOG_MEMORY || logM > ProgramImage.MAX_LOG_MEMORY) {
      throw new MalformedImageException("RAM size out of range: logM=" + logM + ", allowed=["
          + ProgramImage.MIN_LOG_MEMORY + ", " + ProgramImage.MAX_LOG_MEMORY + "]");
    }
    long n = Integer.toUnsignedLong(buf.getInt(COUNT_OFFSET));
    if (n == 0) {
      throw new MalformedImageException("image has no instructions: n=0");
    }
    if (n * ENTRY_BYTES + 4 > bytes.length - CODE_OFFSET) {
      throw new MalformedImageException("image truncated: n=" + n + " instructions need "
          + (CODE_OFFSET + n * ENTRY_BYTES + 4) + " bytes, length=" + bytes.length);
    }
    List<Instruction> code = new ArrayList<>((int) n);
    buf.position(CODE_OFFSET);
    for (int pc = 0; pc < n; pc++) {
      int offset = buf.position();
      long word = Integer.toUnsignedLong(buf.getInt());
      long imm = buf.getLong();
      code.add(decodeInstruction(pc, offset, word, imm));
    }
    long d = Integer.toUnsignedLong(buf.getInt());
    long expected = (long) buf.position() + d * ENTRY_BYTES;
    if (expected != bytes.length) {
      throw new MalformedImageException((expected > bytes.length ? "image truncated" : "trailing bytes after image")
          + ": d=" + d + ", expected length=" + expected + ", length=" + bytes.length);
    }
    List<DataWord> data = new ArrayList<>((int) d);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < d; i++) {
      int offset = buf.position();
      long addr = Integer.toUnsignedLong(buf.getInt());
      long value = buf.getLong();
      if (!Isa.isCanonical(value)) {
        throw new MalformedImageException("data value not canonical: index=" + i + ", address=" + addr
            + ", value=" + Long.toUnsignedString(value) + ", offset=" + offset);
      }
      if (!seen.add(addr)) {
        throw new MalformedImageException("repeated data address: address=" + addr + ", offset=" + offset);
      }
      if (addr >= 1L << logM) {
        throw new MalformedImageException("data address outside RAM: address=" + addr + ", M=" + (1L << logM)
            + ", offset=" + offset);
      }
      data.add(new DataWord(addr, value));
    }
    return new ProgramImage(code, data, logM);
  }

  private static Instruction decodeInstruction(int pc, int offset, long word, long imm)
      throws MalformedImageException {
    if (word >= Instruction.WORD_LIMIT) {
      throw new MalformedImageException("instruction word out of range: pc=" + pc + ", word=" + word + ", offset=" + offset);
    }
    if (!Isa.isCanonical(imm)) {
      throw new MalformedImageException("immediate not canonical: pc=" + pc + ", imm="
          + Long.toUnsignedString(imm) + ", offset=" + offset);
    }
    int code = (int) ((word & 15) + 16 * (word >>> 13));
    if (!Opcode.isDefined(code)) {
      throw new MalformedImageException("unknown opcode: pc=" + pc + ", op=" + code + ", offset=" + offset);
    }
    Instruction insn = Instruction.decode((int) word, imm);
    String problem = ProgramImage.problem(insn);
    if (problem != null) {
      throw new MalformedImageException(problem + ": pc=" + pc + ", offset=" + offset);
    }
    return insn;
  }
}

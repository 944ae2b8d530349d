package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.vm.VmState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Everything a worker needs to prove one segment (cluster.md §1.3): its index, the machine state
 * before its first cycle (pc, registers, RAM snapshot, tape positions) and the input values it reads.
 *
 * <pre>
 *  u32 segIdx | felt pc | felt r1..r7 | u64 cycles | u64 inS | u64 outS | u32 M | felt mem[M] | u32 nIn | felt in[nIn]
 * </pre>
 */
public final class Checkpoint {
  private final int segIdx;
  private final VmState start;
  private final long[] input;

  /** @param input the tape values (already reduced mod p) the segment reads, in order */
  public Checkpoint(int segIdx, VmState start, long[] input) {
    if (segIdx < 0) {
      throw new IllegalArgumentException("segIdx must be non-negative: segIdx=" + segIdx);
    }
    this.segIdx = segIdx;
    this.start = start.copy();
    this.input = input.clone();
  }

  public int segIdx() {
    return segIdx;
  }

  /** A copy of the start state (callers may run it). */
  public VmState start() {
    return start.copy();
  }

  public long[] input() {
    return input.clone();
  }

  public byte[] encode() {
    int m = start.memoryWords();
    ByteBuffer b = ByteBuffer.allocate(4 + 8 * 8 + 24 + 4 + 8 * m + 4 + 8 * input.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(segIdx).putLong(start.pc());
    for (int i = 1; i < 8; i++) {
      b.putLong(start.reg(i));
    }
    b.putLong(start.cycles()).putLong(start.inputPosition()).putLong(start.outputPosition());
    b.putInt(m);
    for (int a = 0; a < m; a++) {
      b.putLong(start.memoryAt(a));
    }
    b.putInt(input.length);
    for (long v : input) {
      b.putLong(v);
    }
    return b.array();
  }

  /**
   * @param maxMemoryWords the RAM size the receiver accepts (reject oversized snapshots before allocating)
   * @throws MalformedProofException for truncated, oversized or non-canonical content or trailing bytes
   */
  public static Checkpoint decode(byte[] bytes, int maxMemoryWords) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "Checkpoint");
    long idx = r.u32("segIdx");
    long pc = r.felt("pc");
    long[] regs = new long[8];
    for (int i = 1; i < 8; i++) {
      regs[i] = r.felt("r" + i);
    }
    long cycles = r.u64("cycles");
    long inS = r.u64("inS");
    long outS = r.u64("outS");
    long m = r.u32("M");
    if (m == 0 || m > maxMemoryWords || m * 8 > r.remaining()) {
      throw new MalformedProofException("Checkpoint: bad RAM size: M=" + m + ", max=" + maxMemoryWords);
    }
    long[] mem = new long[(int) m];
    for (int a = 0; a < m; a++) {
      mem[a] = r.felt("mem");
    }
    long n = r.u32("nIn");
    if (n * 8 != r.remaining()) {
      throw new MalformedProofException("Checkpoint: input slice length mismatch: nIn=" + n + ", remaining=" + r.remaining());
    }
    long[] in = new long[(int) n];
    for (int i = 0; i < n; i++) {
      in[i] = r.felt("input");
    }
    r.finish();
    if (idx > Integer.MAX_VALUE || cycles < 0 || inS < 0 || outS < 0) {
      throw new MalformedProofException("Checkpoint: counter out of range: segIdx=" + idx + ", cycles=" + cycles);
    }
    return new Checkpoint((int) idx, VmState.of(pc, regs, mem, cycles, inS, outS), in);
  }
}

package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.field.Goldilocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A segment's public boundary (engine.md §4.3): start and end pc and r1..r7, tape positions and
 * lengths, and the root of its committed main trace. 192 bytes on the wire:
 *
 * <pre>
 *  felt pcS | felt rS[7] | felt pcE | felt rE[7] | u64 inS | u64 inLen | u64 outS | u64 outLen | digest mainRoot
 *  0          8            64         72           128       136         144        152          160..192
 * </pre>
 *
 * Arrays are copied in and out; instances are immutable.
 */
public final class SegPublic {
  public static final int BYTES = 192;
  private final long pcStart;
  private final long[] regsStart;
  private final long pcEnd;
  private final long[] regsEnd;
  private final long inStart;
  private final long inLen;
  private final long outStart;
  private final long outLen;
  private final byte[] mainRoot;

  /**
   * @param regsStart r1..r7 at the start (7 values)
   * @param regsEnd r1..r7 at the end (7 values)
   * @throws IllegalArgumentException for non-canonical values, wrong lengths or negative positions
   */
  public SegPublic(long pcStart, long[] regsStart, long pcEnd, long[] regsEnd, long inStart, long inLen,
      long outStart, long outLen, byte[] mainRoot) {
    if (regsStart.length != 7 || regsEnd.length != 7 || mainRoot.length != 32) {
      throw new IllegalArgumentException("SegPublic needs 7+7 registers and a 32-byte root: regsStart="
          + regsStart.length + ", regsEnd=" + regsEnd.length + ", mainRoot=" + mainRoot.length);
    }
    Goldilocks.checked(pcStart);
    Goldilocks.checked(pcEnd);
    for (int i = 0; i < 7; i++) {
      Goldilocks.checked(regsStart[i]);
      Goldilocks.checked(regsEnd[i]);
    }
    if (inStart < 0 || inLen < 0 || outStart < 0 || outLen < 0) {
      throw new IllegalArgumentException("tape positions must be non-negative: inS=" + inStart + ", inLen=" + inLen
          + ", outS=" + outStart + ", outLen=" + outLen);
    }
    this.pcStart = pcStart;
    this.regsStart = regsStart.clone();
    this.pcEnd = pcEnd;
    this.regsEnd = regsEnd.clone();
    this.inStart = inStart;
    this.inLen = inLen;
    this.outStart = outStart;
    this.outLen = outLen;
    this.mainRoot = mainRoot.clone();
  }

  public long pcStart() {
    return pcStart;
  }

  /** r_i at the start, i = 1..7. */
  public long regStart(int i) {
    return regsStart[i - 1];
  }

  /** A copy of r1..r7 at the start. */
  public long[] regsStart() {
    return regsStart.clone();
  }

  /** A copy of r1..r7 at the end. */
  public long[] regsEnd() {
    return regsEnd.clone();
  }

  public long pcEnd() {
    return pcEnd;
  }

  /** r_i at the end, i = 1..7. */
  public long regEnd(int i) {
    return regsEnd[i - 1];
  }

  public long inStart() {
    return inStart;
  }

  public long inLen() {
    return inLen;
  }

  public long outStart() {
    return outStart;
  }

  public long outLen() {
    return outLen;
  }

  public byte[] mainRoot() {
    return mainRoot.clone();
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
    write(b);
    return b.array();
  }

  void write(ByteBuffer b) {
    b.putLong(pcStart);
    for (long r : regsStart) {
      b.putLong(r);
    }
    b.putLong(pcEnd);
    for (long r : regsEnd) {
      b.putLong(r);
    }
    b.putLong(inStart).putLong(inLen).putLong(outStart).putLong(outLen).put(mainRoot);
  }

  /** @throws MalformedProofException if the bytes are not one valid SegPublic */
  public static SegPublic decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "SegPublic");
    SegPublic p = read(r);
    r.finish();
    return p;
  }

  static SegPublic read(WireReader r) throws MalformedProofException {
    long pcS = r.felt("pcS");
    long[] rs = new long[7];
    for (int i = 0; i < 7; i++) {
      rs[i] = r.felt("rS");
    }
    long pcE = r.felt("pcE");
    long[] re = new long[7];
    for (int i = 0; i < 7; i++) {
      re[i] = r.felt("rE");
    }
    long inS = r.u64("inS");
    long inLen = r.u64("inLen");
    long outS = r.u64("outS");
    long outLen = r.u64("outLen");
    byte[] root = r.bytes(32, "mainRoot");
    try {
      return new SegPublic(pcS, rs, pcE, re, inS, inLen, outS, outLen, root);
    } catch (IllegalArgumentException e) {
      throw new MalformedProofException("SegPublic: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegPublic s && Arrays.equals(encode(), s.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "SegPublic[pc " + pcStart + "->" + pcEnd + ", in " + inStart + "+" + inLen + ", out " + outStart + "+" + outLen + "]";
  }
}

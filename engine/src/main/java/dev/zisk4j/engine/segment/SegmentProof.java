package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.field.Ext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One segment's proof (PROVE's answer): the VM envelope around the generic STARK proof.
 *
 * <pre>
 *  "JZKS" | u16 version | Config (8 B) | u32 segIdx | ext MEM_IN | ext MEM_OUT | u32 len | STARK proof ("JZST", len bytes)
 *  0        4             6              14           18           34            50        54
 * </pre>
 *
 * Version 2 (a program using POSEIDON, PRECOMPILES.md §6) adds {@code ext POS_SUM} after MEM_OUT: the
 * segment's share of the Poseidon bus. A segment without it is written as version 1, byte for byte as before.
 *
 * <p>The design's §4.3 layout inlines aux_root, OOD values and the FRI data; here they live in the
 * generic STARK proof (its own descriptor, {@code StarkProofFormat}), so the VM layer only adds
 * what the VM statement needs. The STARK bytes are kept opaque until verification.
 */
public final class SegmentProof {
  public static final byte[] MAGIC = "JZKS".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;
  /** The version that carries POS_SUM. */
  public static final int VERSION_POSEIDON = 2;
  /** Header bytes over the quadratic field (MEM_IN and MEM_OUT take 8 more bytes each over the cubic one). */
  public static final int HEADER_BYTES = 54;

  private final VmConfig config;
  private final int segIdx;
  private final Ext memIn;
  private final Ext memOut;
  private final byte[] stark;
  private final Ext posSum;

  /** @throws IllegalArgumentException for a negative index or fingerprints outside the config's field */
  public SegmentProof(VmConfig config, int segIdx, Ext memIn, Ext memOut, byte[] stark) {
    this(config, segIdx, memIn, memOut, null, stark);
  }

  /**
   * A segment proof of the precompile variant ({@code posSum} non-null) or of the plain VM AIR (null).
   *
   * @throws IllegalArgumentException for a negative index or values outside the config's field
   */
  public SegmentProof(VmConfig config, int segIdx, Ext memIn, Ext memOut, Ext posSum, byte[] stark) {
    if (posSum != null && posSum.field().degree() != config.extDeg()) {
      throw new IllegalArgumentException("POS_SUM must be in the config's field: extDeg=" + config.extDeg());
    }
    this.posSum = posSum;
    if (segIdx < 0) {
      throw new IllegalArgumentException("segIdx must be non-negative: segIdx=" + segIdx);
    }
    if (memIn.field().degree() != config.extDeg() || memOut.field().degree() != config.extDeg()) {
      throw new IllegalArgumentException("memory fingerprints must be in the config's field: extDeg=" + config.extDeg());
    }
    this.config = config;
    this.segIdx = segIdx;
    this.memIn = memIn;
    this.memOut = memOut;
    this.stark = stark.clone();
  }

  public VmConfig config() {
    return config;
  }

  public int segIdx() {
    return segIdx;
  }

  public Ext memIn() {
    return memIn;
  }

  public Ext memOut() {
    return memOut;
  }

  /** The segment's Poseidon bus sum, or null for a program without POSEIDON. */
  public Ext posSum() {
    return posSum;
  }

  /** The generic STARK proof bytes. */
  public byte[] stark() {
    return stark.clone();
  }

  public byte[] encode() {
    int d = config.extDeg();
    int extra = posSum == null ? 0 : 8 * d;
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 16 * (d - 2) + extra + stark.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) (posSum == null ? VERSION : VERSION_POSEIDON)).put(config.encode()).putInt(segIdx);
    Ext[] values = posSum == null ? new Ext[] {memIn, memOut} : new Ext[] {memIn, memOut, posSum};
    for (long v : memIn.field().flatten(values)) {
      b.putLong(v);
    }
    b.putInt(stark.length).put(stark);
    return b.array();
  }

  /** @throws MalformedProofException naming the first problem (magic, version, config, lengths, felts) */
  public static SegmentProof decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "SegmentProof");
    r.magic(MAGIC);
    int version = r.u16("version");
    if (version != VERSION && version != VERSION_POSEIDON) {
      throw new MalformedProofException("SegmentProof: unsupported version: version=" + version);
    }
    VmConfig config = VmConfig.read(r);
    long idx = r.u32("segIdx");
    Ext in = r.ext("MEM_IN", config.proofOptions().extension());
    Ext out = r.ext("MEM_OUT", config.proofOptions().extension());
    Ext pos = version == VERSION_POSEIDON ? r.ext("POS_SUM", config.proofOptions().extension()) : null;
    long len = r.u32("len");
    if (len != r.remaining()) {
      throw new MalformedProofException("SegmentProof: STARK length mismatch: len=" + len + ", remaining=" + r.remaining());
    }
    byte[] stark = r.bytes((int) len, "stark");
    r.finish();
    if (idx > Integer.MAX_VALUE) {
      throw new MalformedProofException("SegmentProof: segIdx out of range: segIdx=" + idx);
    }
    return new SegmentProof(config, (int) idx, in, out, pos, stark);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentProof p && Arrays.equals(encode(), p.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}

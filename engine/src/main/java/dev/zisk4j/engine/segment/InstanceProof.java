package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One precompile instance's proof (PRECOMPILES.md §6): its commitment, its claimed share of the bus
 * (POS_SUM) and the generic STARK proof of its AIR under the global challenges.
 *
 * <pre>
 *  "JZKI" | u16 version | u8 kind | u32 index | u8 logRows | digest mainRoot | ext POS_SUM | u32 len | STARK ("JZST")
 * </pre>
 *
 * The main root travels in the header (the design put it only inside the STARK bytes) because the
 * verifier needs it for the global transcript before it looks at any STARK. The parser is strict:
 * unknown version or kind, a size outside [4, 22], a non-canonical POS_SUM, a length that is not the
 * rest of the bytes are {@link MalformedProofException}s.
 */
public final class InstanceProof {
  public static final byte[] MAGIC = "JZKI".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;

  private final InstanceCommitment commitment;
  private final Ext posSum;
  private final byte[] stark;

  public InstanceProof(InstanceCommitment commitment, Ext posSum, byte[] stark) {
    this.commitment = commitment;
    this.posSum = posSum;
    this.stark = stark.clone();
  }

  public InstanceCommitment commitment() {
    return commitment;
  }

  /** The instance's claimed bus sum −Σ mult/(α − fp). */
  public Ext posSum() {
    return posSum;
  }

  public byte[] stark() {
    return stark.clone();
  }

  public byte[] encode() {
    int d = posSum.field().degree();
    ByteBuffer b = ByteBuffer.allocate(4 + 2 + InstanceCommitment.BYTES + 8 * d + 4 + stark.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) VERSION);
    commitment.write(b);
    for (long v : posSum.field().flatten(posSum)) {
      b.putLong(v);
    }
    b.putInt(stark.length).put(stark);
    return b.array();
  }

  /**
   * @param field the bundle's extension field (POS_SUM is one element of it)
   * @throws MalformedProofException naming the first problem
   */
  public static InstanceProof decode(byte[] bytes, ExtField field) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "InstanceProof");
    r.magic(MAGIC);
    int version = r.u16("version");
    if (version != VERSION) {
      throw new MalformedProofException("InstanceProof: unsupported version: version=" + version);
    }
    InstanceCommitment c = InstanceCommitment.read(r, "InstanceProof");
    Ext sum = r.ext("POS_SUM", field);
    long len = r.u32("len");
    if (len != r.remaining()) {
      throw new MalformedProofException("InstanceProof: STARK length mismatch: len=" + len + ", remaining=" + r.remaining());
    }
    byte[] stark = r.bytes((int) len, "stark");
    r.finish();
    return new InstanceProof(c, sum, stark);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceProof p && Arrays.equals(encode(), p.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}

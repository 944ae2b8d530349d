package dev.zisk4j.engine.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Phase 1's answer for one segment (PARTIAL_CONTRIBUTION): its index and public boundary including
 * the main-trace root. Wire: {@code u32 segIdx | SegPublic (192 bytes)}.
 */
public record SegmentCommitment(int segIdx, SegPublic segPublic) {
  public static final int BYTES = 4 + SegPublic.BYTES;

  public SegmentCommitment {
    if (segIdx < 0) {
      throw new IllegalArgumentException("segIdx must be non-negative: segIdx=" + segIdx);
    }
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(segIdx);
    segPublic.write(b);
    return b.array();
  }

  /** @throws MalformedProofException if the bytes are not one valid commitment */
  public static SegmentCommitment decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "SegmentCommitment");
    long idx = r.u32("segIdx");
    SegPublic p = SegPublic.read(r);
    r.finish();
    if (idx > Integer.MAX_VALUE) {
      throw new MalformedProofException("SegmentCommitment: segIdx out of range: segIdx=" + idx);
    }
    return new SegmentCommitment((int) idx, p);
  }
}

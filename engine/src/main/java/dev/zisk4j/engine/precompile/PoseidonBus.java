package dev.zisk4j.engine.precompile;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.hash.Poseidon;
import java.util.List;

/**
 * The Poseidon bus message (PRECOMPILES.md §4): fp = Σ_{k<24} β^{23−k}·msg_k over msg = in ‖ out, one
 * fraction 1/(α − fp) per request on the VM side, −mult/(α − fp) per row on the instance side. The
 * requester's side here is the reference the VM AIR's running sum must equal (tests, self-checks).
 */
public final class PoseidonBus {
  /** Words of one message: the input state then the output state. */
  public static final int MESSAGE_WORDS = 2 * Poseidon.WIDTH;

  private PoseidonBus() {}

  /** α − fp of one message (24 canonical words, in then out). */
  public static Ext denominator(long[] message, Challenges ch) {
    if (message.length != MESSAGE_WORDS) {
      throw new IllegalArgumentException("a message has 24 words: length=" + message.length);
    }
    ExtField f = ch.field();
    Ext beta = ch.get(PoseidonAir.BETA);
    Ext fp = f.zero();
    for (long v : message) {
      fp = fp.mul(beta).add(f.of(v)); // Horner: Σ β^(23−k)·message_k, as the VM's micro-rows accumulate it
    }
    return ch.get(PoseidonAir.ALPHA).sub(fp);
  }

  /** Σ 1/(α − fp) over requests: the VM side's share of the balance. */
  public static Ext requestSum(List<long[]> messages, Challenges ch) {
    Ext s = ch.field().zero();
    for (long[] m : messages) {
      s = s.add(denominator(m, ch).inv());
    }
    return s;
  }
}

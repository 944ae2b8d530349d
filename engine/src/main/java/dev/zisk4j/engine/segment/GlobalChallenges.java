package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.vmair.VmChallenges;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The eight global challenges (αp, αm, αr, αb, αio, β, γin, γout) and the 32-byte globalSeed that
 * seeds every segment transcript (engine.md §5.2). 160 bytes on the wire: 8 × ext (c0, c1) then the
 * seed.
 */
public final class GlobalChallenges {
  public static final int BYTES = VmChallenges.COUNT * 16 + 32;
  private final List<Ext2> challenges;
  private final byte[] seed;

  /** @throws IllegalArgumentException for a wrong count or seed length */
  public GlobalChallenges(List<Ext2> challenges, byte[] seed) {
    if (challenges.size() != VmChallenges.COUNT || seed.length != 32) {
      throw new IllegalArgumentException("need 8 challenges and a 32-byte seed: challenges=" + challenges.size()
          + ", seed=" + seed.length);
    }
    this.challenges = List.copyOf(challenges);
    this.seed = seed.clone();
  }

  /** As the AIR's {@link Challenges}. */
  public Challenges asChallenges() {
    return Challenges.of(challenges);
  }

  public List<Ext2> challenges() {
    return challenges;
  }

  public byte[] seed() {
    return seed.clone();
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (Ext2 e : challenges) {
      b.putLong(e.c0()).putLong(e.c1());
    }
    return b.put(seed).array();
  }

  /** @throws MalformedProofException if the bytes are not 160 or hold a non-canonical element */
  public static GlobalChallenges decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "GlobalChallenges");
    Ext2[] ch = new Ext2[VmChallenges.COUNT];
    for (int i = 0; i < ch.length; i++) {
      ch[i] = r.ext("challenge");
    }
    byte[] seed = r.bytes(32, "globalSeed");
    r.finish();
    return new GlobalChallenges(List.of(ch), seed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobalChallenges g && Arrays.equals(encode(), g.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}

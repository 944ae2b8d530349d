package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.vmair.VmChallenges;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The eight global challenges (αp, αm, αr, αb, αio, β, γin, γout) and the 32-byte globalSeed that
 * seeds every segment transcript (engine.md §5.2). On the wire: 8 × ext (d felts each) then the seed, so 160
 * bytes over the quadratic field and 224 over the cubic one (the length tells the two apart).
 */
public final class GlobalChallenges {
  /** The encoded size over the quadratic field (without the Poseidon bus challenges). */
  public static final int BYTES = bytes(ExtField.QUADRATIC);
  private final List<Ext> challenges;
  private final byte[] seed;

  /** @throws IllegalArgumentException for a wrong count or seed length, or challenges of mixed fields */
  public GlobalChallenges(List<Ext> challenges, byte[] seed) {
    if ((challenges.size() != VmChallenges.COUNT && challenges.size() != VmChallenges.COUNT_POSEIDON) || seed.length != 32) {
      throw new IllegalArgumentException("need 8 (10 with POSEIDON) challenges and a 32-byte seed: challenges=" + challenges.size()
          + ", seed=" + seed.length);
    }
    if (challenges.stream().anyMatch(e -> e.field() != challenges.get(0).field())) {
      throw new IllegalArgumentException("global challenges of mixed extension fields");
    }
    this.challenges = List.copyOf(challenges);
    this.seed = seed.clone();
  }

  /** As the AIR's {@link Challenges}. */
  public Challenges asChallenges() {
    return Challenges.of(field(), challenges);
  }

  /** The extension field the challenges live in. */
  public ExtField field() {
    return challenges.get(0).field();
  }

  /** The encoded size over {@code f} of the eight VM challenges and the seed. */
  public static int bytes(ExtField f) {
    return bytes(f, VmChallenges.COUNT);
  }

  /** The encoded size over {@code f} of {@code count} challenges and the seed. */
  public static int bytes(ExtField f, int count) {
    return count * 8 * f.degree() + 32;
  }

  /** True if these include the Poseidon bus's α_pos and β_pos (a program using POSEIDON). */
  public boolean hasPoseidonBus() {
    return challenges.size() == VmChallenges.COUNT_POSEIDON;
  }

  /** The Poseidon bus challenges (α_pos, β_pos) as a Poseidon instance's {@link Challenges}. */
  public Challenges poseidonBus() {
    if (!hasPoseidonBus()) {
      throw new IllegalStateException("these global challenges have no Poseidon bus (the program has no POSEIDON)");
    }
    return Challenges.of(field(), List.of(challenges.get(VmChallenges.ALPHA_POS), challenges.get(VmChallenges.BETA_POS)));
  }

  public List<Ext> challenges() {
    return challenges;
  }

  public byte[] seed() {
    return seed.clone();
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(bytes(field(), challenges.size())).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : field().flatten(challenges.toArray(Ext[]::new))) {
      b.putLong(v);
    }
    return b.put(seed).array();
  }

  /**
   * @throws MalformedProofException if the length is none of 160, 224 (8 challenges), 192, 272 (10) or an
   *     element is not canonical
   */
  public static GlobalChallenges decode(byte[] bytes) throws MalformedProofException {
    WireReader r = new WireReader(bytes, "GlobalChallenges");
    ExtField f = ExtField.QUADRATIC;
    int count = VmChallenges.COUNT;
    for (ExtField cand : new ExtField[] {ExtField.QUADRATIC, ExtField.CUBIC}) {
      for (int c : new int[] {VmChallenges.COUNT, VmChallenges.COUNT_POSEIDON}) {
        if (bytes.length == bytes(cand, c)) {
          f = cand;
          count = c;
        }
      }
    }
    Ext[] ch = new Ext[count];
    for (int i = 0; i < ch.length; i++) {
      ch[i] = r.ext("challenge", f);
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

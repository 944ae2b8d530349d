package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.stark.SecurityLevel;
import java.util.HexFormat;

/**
 * The security of one AIR's proofs in a bundle: the AIR (by its constraint-system digest, the name is
 * only a label) and what its proofs are worth, global challenge round included.
 */
public record AirSecurity(byte[] airDigest, String name, SecurityLevel level) {
  public AirSecurity {
    if (airDigest.length != 32) {
      throw new IllegalArgumentException("AIR digest must be 32 bytes: length=" + airDigest.length);
    }
    airDigest = airDigest.clone();
  }

  @Override
  public byte[] airDigest() {
    return airDigest.clone();
  }

  /** The digest in hex. */
  public String airDigestHex() {
    return HexFormat.of().formatHex(airDigest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AirSecurity a && java.util.Arrays.equals(airDigest, a.airDigest) && name.equals(a.name)
        && level.equals(a.level);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(airDigest) * 31 + level.hashCode();
  }

  @Override
  public String toString() {
    return name + " (" + airDigestHex().substring(0, 16) + "…): " + level;
  }
}

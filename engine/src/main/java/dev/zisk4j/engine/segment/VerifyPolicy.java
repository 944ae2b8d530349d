package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.stark.SecurityLevel;
import java.util.Optional;

/**
 * What a verifier accepts, decided by the verifier and never read from the proof: the least
 * conjectured and proven (list-decoding) security, the least global proof of work, and the largest
 * segment (which bounds the verifier's own work: its verifying key costs an LDE of 2^logN·blowup rows).
 * Applies to every AIR of a bundle; checked after parsing and before any expensive work.
 *
 * <p>The default ({@link #DEFAULT}) is 100 conjectured bits, 50 proven bits, a 16-bit global proof of
 * work and segments of at most 2^20 rows: the engine's default profile (105 / 54–60 bits, see
 * {@code engine/README.md}) passes it at every segment size, and so does proven-100.
 *
 * <p>On the wire (a remote verifier passes a policy): 5 bytes, {@code u8 version (1) | u8
 * minConjecturedBits | u8 minProvenBits | u8 minGlobalPowBits | u8 maxLogRows}.
 *
 * @param minConjecturedBits least conjectured security, in [0, 128]
 * @param minProvenBits      least proven (list-decoding) security, in [0, 128]
 * @param minGlobalPowBits   least proof-of-work bits before the global challenges, in [0, 32]
 * @param maxLogRows         largest segment accepted, 2^maxLogRows rows, in [9, 22]
 */
public record VerifyPolicy(int minConjecturedBits, int minProvenBits, int minGlobalPowBits, int maxLogRows) {
  /** 100 conjectured bits, 50 proven bits, 16-bit global proof of work, segments of at most 2^20 rows. */
  public static final VerifyPolicy DEFAULT = new VerifyPolicy(100, 50, 16, 20);
  /**
   * Accepts every config the engine can verify (no minimum). For a prover checking its own bundle,
   * whose options it chose itself; a verifier of someone else's proof wants {@link #DEFAULT}.
   */
  public static final VerifyPolicy ANY_SUPPORTED = new VerifyPolicy(0, 0, 0, 22);
  public static final int VERSION = 1;
  public static final int BYTES = 5;

  /** @throws IllegalArgumentException naming the value out of range */
  public VerifyPolicy {
    check("minConjecturedBits", minConjecturedBits, 0, 128);
    check("minProvenBits", minProvenBits, 0, 128);
    check("minGlobalPowBits", minGlobalPowBits, 0, 32);
    check("maxLogRows", maxLogRows, 9, 22);
  }

  private static void check(String name, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException("policy value out of range: " + name + "=" + v + ", allowed=[" + lo + ", "
          + hi + "]");
    }
  }

  public VerifyPolicy withMinConjecturedBits(int bits) {
    return new VerifyPolicy(bits, minProvenBits, minGlobalPowBits, maxLogRows);
  }

  public VerifyPolicy withMinProvenBits(int bits) {
    return new VerifyPolicy(minConjecturedBits, bits, minGlobalPowBits, maxLogRows);
  }

  public VerifyPolicy withMinGlobalPowBits(int bits) {
    return new VerifyPolicy(minConjecturedBits, minProvenBits, bits, maxLogRows);
  }

  public VerifyPolicy withMaxLogRows(int logRows) {
    return new VerifyPolicy(minConjecturedBits, minProvenBits, minGlobalPowBits, logRows);
  }

  /** The shape limits (segment size, global proof of work): empty if accepted, else the typed refusal. */
  Optional<BundleVerdict> checkShape(VmConfig config) {
    if (config.logN() > maxLogRows) {
      return Optional.of(BundleVerdict.reject(BundleError.SEGMENT_TOO_LARGE, "logN=" + config.logN()
          + ", policy maxLogRows=" + maxLogRows));
    }
    if (config.grindBits() < minGlobalPowBits) {
      return Optional.of(BundleVerdict.reject(BundleError.GLOBAL_POW_TOO_WEAK, "globalPowBits=" + config.grindBits()
          + ", policy minimum=" + minGlobalPowBits));
    }
    return Optional.empty();
  }

  /** The security minimums: null if the level passes, else what falls short. */
  String shortfall(SecurityLevel level) {
    if (level.conjectured() < minConjecturedBits) {
      return "conjecturedBits=" + level.conjectured() + ", policy minimum=" + minConjecturedBits;
    }
    if (level.proven() < minProvenBits) {
      return "provenBits=" + level.proven() + ", policy minimum=" + minProvenBits;
    }
    return null;
  }

  public byte[] encode() {
    return new byte[] {(byte) VERSION, (byte) minConjecturedBits, (byte) minProvenBits, (byte) minGlobalPowBits,
        (byte) maxLogRows};
  }

  /** @throws MalformedProofException for a wrong length, an unknown version or a value out of range */
  public static VerifyPolicy decode(byte[] bytes) throws MalformedProofException {
    if (bytes.length != BYTES) {
      throw new MalformedProofException("policy must be " + BYTES + " bytes: length=" + bytes.length);
    }
    if (bytes[0] != VERSION) {
      throw new MalformedProofException("policy: unsupported version: version=" + Byte.toUnsignedInt(bytes[0]));
    }
    try {
      return new VerifyPolicy(Byte.toUnsignedInt(bytes[1]), Byte.toUnsignedInt(bytes[2]), Byte.toUnsignedInt(bytes[3]),
          Byte.toUnsignedInt(bytes[4]));
    } catch (IllegalArgumentException e) {
      throw new MalformedProofException("policy: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "policy[conjectured>=" + minConjecturedBits + ", proven>=" + minProvenBits + ", globalPow>="
        + minGlobalPowBits + ", logRows<=" + maxLogRows + "]";
  }
}

package dev.zisk4j.proverservice.input;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (the original padding, not SHA3-256), over BouncyCastle. */
public final class Keccak {
  private Keccak() {}

  /** Keccak-256 of the concatenation of {@code parts}. */
  public static byte[] hash(byte[]... parts) {
    KeccakDigest d = new KeccakDigest(256);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}

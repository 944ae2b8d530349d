package dev.zisk4j.proverservice.input;

import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code PublicInputsExtended.input_hash} exactly as the zkevm-node aggregator recomputes it to check
 * a proof (spec zkprover.md §2.4 step 5): Keccak-256 over the ASCII text of old state root, old local
 * exit root, new state root, new local exit root, sequencer address and batch hash data (as the
 * strings appear in the request, prefix included), then batch_num as u32 and eth_timestamp as u64,
 * both big-endian; reduced mod the BN254 scalar field r; written {@code 0x} + 64 lowercase digits.
 */
public final class InputHash {
  /** The BN254 (alt_bn128) scalar field order. */
  public static final BigInteger BN254_R =
      new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");

  private InputHash() {}

  public static String of(PublicInputs p) {
    byte[] hash = Keccak.hash(ascii(p.getOldStateRoot()), ascii(p.getOldLocalExitRoot()), ascii(p.getNewStateRoot()),
        ascii(p.getNewLocalExitRoot()), ascii(p.getSequencerAddr()), ascii(p.getBatchHashData()),
        ByteBuffer.allocate(4).putInt(p.getBatchNum()).array(),
        ByteBuffer.allocate(8).putLong(p.getEthTimestamp()).array());
    BigInteger reduced = new BigInteger(1, hash).mod(BN254_R);
    String digits = reduced.toString(16);
    return "0x" + "0".repeat(64 - digits.length()) + digits;
  }

  private static byte[] ascii(String s) {
    // Go's []byte(string) is the UTF-8 bytes; validated fields are ASCII anyway.
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

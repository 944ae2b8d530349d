package dev.zisk4j.proverservice.input;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.smt.MalformedNodeTextException;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.Batch;
import dev.zisk4j.proverservice.batch.BatchFormat;
import dev.zisk4j.proverservice.batch.MalformedBatchException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Checks every field of an {@code InputProver} against its form and {@link InputLimits} (the checks
 * of the reference GenProof, spec §2.2, made in-band, plus the batch format and the node's
 * batch_hash_data). Sizes are checked before anything is decoded. Stateless and thread-safe.
 */
public final class InputValidator {
  private static final int ROOT_BYTES = 32;

  private final InputLimits limits;

  public InputValidator(InputLimits limits) {
    this.limits = limits;
  }

  public InputLimits limits() {
    return limits;
  }

  /**
   * @throws InputRejectedException naming the first field that breaks its form or limit
   */
  public CheckedInput check(InputProver in) throws InputRejectedException {
    if (!in.hasPublicInputs()) {
      throw new InputRejectedException("public_inputs is missing");
    }
    PublicInputs p = in.getPublicInputs();
    byte[] oldRoot = NodeHash.check("old_state_root", Hex.fixed("old_state_root", p.getOldStateRoot(), ROOT_BYTES));
    optionalFixed("old_local_exit_root", p.getOldLocalExitRoot(), ROOT_BYTES);
    Optional<byte[]> newRoot = p.getNewStateRoot().isEmpty()
        ? Optional.empty() : Optional.of(NodeHash.check("new_state_root", Hex.fixed("new_state_root", p.getNewStateRoot(), ROOT_BYTES)));
    optionalFixed("new_local_exit_root", p.getNewLocalExitRoot(), ROOT_BYTES);
    Address sequencer = Address.of(optionalFixed("sequencer_addr", p.getSequencerAddr(), Address.BYTES));
    if (p.getChainId() == 0) {
      throw new InputRejectedException("chain_id must not be 0");
    }
    byte[] ger = optionalFixed("global_exit_root", in.getGlobalExitRoot(), ROOT_BYTES);
    byte[] batchBytes = Hex.variable("batch_l2_data", in.getBatchL2Data(), limits.maxBatchBytes());
    Batch batch;
    try {
      batch = BatchFormat.decode(batchBytes);
    } catch (MalformedBatchException e) {
      throw new InputRejectedException("batch_l2_data: " + e.getMessage());
    }
    byte[] batchHash = Keccak.hash(batchBytes, ger, ByteBuffer.allocate(8).putLong(p.getEthTimestamp()).array(),
        sequencer.bytes());
    if (!p.getBatchHashData().isEmpty()) {
      byte[] claimed = Hex.fixed("batch_hash_data", p.getBatchHashData(), ROOT_BYTES);
      if (!Arrays.equals(claimed, batchHash)) {
        throw new InputRejectedException("batch_hash_data does not match the batch: batch_hash_data="
            + Hex.prefixed(claimed) + ", keccak256(batch_l2_data, global_exit_root, eth_timestamp, sequencer_addr)="
            + Hex.prefixed(batchHash));
      }
    }
    SortedMap<String, long[]> db = checkDb(in.getDbMap());
    MemoryNodeStore nodes;
    try {
      nodes = NodeText.decode(text(db));
    } catch (MalformedNodeTextException e) {
      throw new InputRejectedException("db: " + e.getMessage());
    }
    checkContracts(in.getContractsBytecodeMap());
    return new CheckedInput(in, oldRoot, newRoot, ger, sequencer, batchBytes, batch, batchHash, db, nodes);
  }

  /** The normalised db as the tree's text form (64-digit keys, 16-digit elements). */
  private static Map<String, String> text(SortedMap<String, long[]> db) {
    Map<String, String> t = new TreeMap<>();
    db.forEach((k, v) -> t.put(k, NodeText.encodePreimage(v)));
    return t;
  }

  private static byte[] optionalFixed(String field, String v, int bytes) throws InputRejectedException {
    return v.isEmpty() ? new byte[bytes] : Hex.fixed(field, v, bytes);
  }

  private SortedMap<String, long[]> checkDb(Map<String, String> db) throws InputRejectedException {
    if (db.size() > limits.maxDbEntries()) {
      throw new InputRejectedException("db has " + db.size() + " entries, max " + limits.maxDbEntries());
    }
    SortedMap<String, long[]> out = new TreeMap<>();
    for (Map.Entry<String, String> e : db.entrySet()) {
      String key = Hex.bare(NodeHash.check("db key", Hex.fixed("db key", e.getKey(), ROOT_BYTES)));
      long[] value = felts("db[" + InputRejectedException.shorten(e.getKey()) + "]", e.getValue());
      if (out.put(key, value) != null) {
        throw new InputRejectedException("db key appears twice (after normalising case and prefix): key=" + key);
      }
    }
    return out;
  }

  /** A value of 16-hex-digit field elements, each canonical (below p). */
  private long[] felts(String field, String v) throws InputRejectedException {
    String d = Hex.digits(v);
    if (d.isEmpty() || d.length() % 16 != 0) {
      throw new InputRejectedException(field + " must be a non-empty multiple of 16 hex digits: length=" + d.length());
    }
    int n = d.length() / 16;
    if (n > limits.maxDbValueElements()) {
      throw new InputRejectedException(field + " holds " + n + " field elements, max " + limits.maxDbValueElements());
    }
    byte[] bytes = Hex.variable(field, d, n * 8);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = buf.getLong();
      if (Long.compareUnsigned(out[i], Goldilocks.P) >= 0) {
        throw new InputRejectedException(field + " element " + i + " is not below the Goldilocks prime: "
            + d.substring(16 * i, 16 * i + 16));
      }
    }
    return out;
  }

  private void checkContracts(Map<String, String> contracts) throws InputRejectedException {
    if (contracts.size() > limits.maxContracts()) {
      throw new InputRejectedException("contracts_bytecode has " + contracts.size() + " entries, max "
          + limits.maxContracts());
    }
    for (Map.Entry<String, String> e : contracts.entrySet()) {
      Hex.fixed("contracts_bytecode key", e.getKey(), ROOT_BYTES);
      Hex.variable("contracts_bytecode[" + InputRejectedException.shorten(e.getKey()) + "]", e.getValue(),
          limits.maxBytecodeBytes());
    }
  }
}

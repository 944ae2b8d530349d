package dev.zisk4j.proverservice.rollup;

import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MissingNodeException;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.guest.StateTransition;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.input.NodeHash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rollup's state transition (BATCH.md §2) computed natively over the zkEVM sparse Merkle tree:
 * the guest's twin and Execute's report. Balances and values are u64; a transfer with a wrong nonce,
 * an insufficient balance or a receiver balance that would pass 2^64 − 1 is skipped and logged.
 * Stateless between calls; thread-safe (each call has its own tree).
 */
public final class RollupTransition implements StateTransition {
  static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  @Override
  public Report apply(CheckedInput in) throws InputRejectedException {
    OverlayStore store = new OverlayStore(in.nodes());
    SparseMerkleTree tree = new SparseMerkleTree(store);
    SmtKeys keys = new SmtKeys();
    Hash4 root = Hash4.of(NodeHash.toElements(in.oldStateRoot()), 0);
    List<String> logs = new ArrayList<>();
    long keyHashes = 0;
    try {
      List<Transfer> transfers = in.batch().transfers();
      for (int i = 0; i < transfers.size(); i++) {
        Transfer t = transfers.get(i);
        Hash4 fromBalance = keys.balance(number(t.from()));
        Hash4 fromNonce = keys.nonce(number(t.from()));
        Hash4 toBalance = keys.balance(number(t.to()));
        keyHashes += 3;
        BigInteger nonce = tree.get(root, fromNonce);
        BigInteger balance = tree.get(root, fromBalance);
        BigInteger value = new BigInteger(Long.toUnsignedString(t.value()));
        BigInteger claimedNonce = new BigInteger(Long.toUnsignedString(t.nonce()));
        if (!nonce.equals(claimedNonce)) {
          logs.add("transfer " + i + " skipped: nonce " + claimedNonce + ", expected " + nonce);
          continue;
        }
        if (balance.compareTo(value) < 0) {
          logs.add("transfer " + i + " skipped: balance " + balance + " < value " + value);
          continue;
        }
        if (nonce.equals(U64_MAX)) {
          logs.add("transfer " + i + " skipped: the sender's nonce is at 2^64 - 1");
          continue;
        }
        if (!t.from().equals(t.to())) {
          BigInteger received = tree.get(root, toBalance).add(value);
          if (received.compareTo(U64_MAX) > 0) {
            logs.add("transfer " + i + " skipped: the receiver's balance would pass 2^64 - 1");
            continue;
          }
          root = tree.set(root, fromBalance, balance.subtract(value));
          root = tree.set(root, toBalance, received);
        }
        root = tree.set(root, fromNonce, nonce.add(BigInteger.ONE));
      }
    } catch (MissingNodeException e) {
      throw new InputRejectedException("db lacks node " + e.hash() + " that the batch reads under old_state_root");
    }
    Map<String, String> diff = new TreeMap<>(NodeText.encode(store.written()));
    long[] f = {root.e0(), root.e1(), root.e2(), root.e3()};
    return new Report(NodeHash.toBytes(f), new TreeMap<>(diff), logs, store.puts() + keyHashes);
  }

  private static BigInteger number(Address a) {
    return new BigInteger(1, a.bytes());
  }
}

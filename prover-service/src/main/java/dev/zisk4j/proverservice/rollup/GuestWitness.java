package dev.zisk4j.proverservice.rollup;

import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.KeyPath;
import dev.zisk4j.engine.smt.MissingNodeException;
import dev.zisk4j.engine.smt.NodeStore;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SmtLeaf;
import dev.zisk4j.engine.smt.SmtProof;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.input.InputRejectedException;
import java.math.BigInteger;
import java.util.function.LongConsumer;

/**
 * The rollup guest's witness (BATCH.md §4, guest input v2, record 2): for each transfer, the words
 * {@code examples/guests/rollup.zasm} reads after the transfer itself — key decompositions and
 * Merkle paths, in the order the guest asks for them. It walks the same transition as
 * {@link RollupTransition} (the same skip rules) over the request's nodes, so the guest's choices
 * and this writer's stay in step; the guest checks every word it reads (paths against the current
 * root, decompositions against the keys it derives itself), so a wrong witness makes it fault, never
 * prove another state. Not thread-safe; one per tape.
 */
public final class GuestWitness {
  /** Bits of each key element the guest takes apart: paths of up to 4 × 16 = 64 levels. */
  public static final int KEY_BITS = 16;
  /** The deepest path the guest follows. */
  public static final int MAX_DEPTH = 4 * KEY_BITS;

  private final OverlayStore store;
  private final SparseMerkleTree tree;
  private final SmtKeys keys = new SmtKeys();
  private Hash4 root;

  /**
   * @param nodes the request's node pre-images (read only)
   * @param oldRoot the state root the batch starts from
   */
  public GuestWitness(NodeStore nodes, Hash4 oldRoot) {
    this.store = new OverlayStore(nodes);
    this.tree = new SparseMerkleTree(store);
    this.root = oldRoot;
  }

  /** The root after the transfers written so far. */
  public Hash4 root() {
    return root;
  }

  /**
   * Writes transfer t's witness words (not the transfer's own 14 words) and applies it.
   *
   * @throws InputRejectedException when the db lacks a node the transfer reads, or a path is deeper
   *     than {@link #MAX_DEPTH} levels (the guest's limit)
   */
  public void transfer(Transfer t, LongConsumer out) throws InputRejectedException {
    try {
      apply(t, out);
    } catch (MissingNodeException e) {
      throw new InputRejectedException("db lacks node " + e.hash() + " that the batch reads under old_state_root");
    }
  }

  private void apply(Transfer t, LongConsumer out) throws InputRejectedException {
    boolean self = t.from().equals(t.to());
    Hash4 fromNonce = keys.nonce(number(t.from()));
    Hash4 fromBalance = keys.balance(number(t.from()));
    Hash4 toBalance = keys.balance(number(t.to()));
    decomposition(fromNonce, out);
    decomposition(fromBalance, out);
    if (!self) {
      decomposition(toBalance, out);
    }
    // reads, all under the same root; the last one is the first key written
    BigInteger nonce;
    BigInteger balance;
    BigInteger toBal = BigInteger.ZERO;
    SmtProof last;
    if (self) {
      balance = path(fromBalance, out).value();
      last = path(fromNonce, out);
      nonce = last.value();
    } else {
      nonce = path(fromNonce, out).value();
      toBal = path(toBalance, out).value();
      last = path(fromBalance, out);
      balance = last.value();
    }
    BigInteger value = new BigInteger(Long.toUnsignedString(t.value()));
    boolean applied = nonce.equals(new BigInteger(Long.toUnsignedString(t.nonce())))
        && balance.compareTo(value) >= 0 && !nonce.equals(RollupTransition.U64_MAX)
        && (self || toBal.add(value).compareTo(RollupTransition.U64_MAX) <= 0);
    if (!applied) {
      return;
    }
    if (self) {
      update(last, nonce.add(BigInteger.ONE), out);
      return;
    }
    update(last, balance.subtract(value), out);
    update(path(toBalance, out), toBal.add(value), out);
    update(path(fromNonce, out), nonce.add(BigInteger.ONE), out);
  }

  /**
   * A key element e as the guest checks it: lo32, hi32, the 16 low bits of lo32 (least significant
   * first), then q = lo32 >> 16.
   */
  private static void decomposition(Hash4 key, LongConsumer out) {
    for (int i = 0; i < 4; i++) {
      long e = key.get(i);
      long lo = e & 0xffff_ffffL;
      out.accept(lo);
      out.accept(e >>> 32);
      for (int j = 0; j < KEY_BITS; j++) {
        out.accept((lo >>> j) & 1);
      }
      out.accept(lo >>> KEY_BITS);
    }
  }

  /**
   * key's path under the current root: depth d, d siblings (root's children first), terminal kind
   * (0 empty, 1 leaf), the leaf's remaining key and value hash, and when it is key's own leaf the
   * value's eight limbs.
   */
  private SmtProof path(Hash4 key, LongConsumer out) throws InputRejectedException {
    SmtProof p = tree.prove(root, key);
    if (p.depth() > MAX_DEPTH) {
      throw new InputRejectedException("a path is deeper than the rollup guest follows: depth=" + p.depth()
          + ", max=" + MAX_DEPTH);
    }
    out.accept(p.depth());
    for (Hash4 s : p.siblings()) {
      words(s, out);
    }
    SmtLeaf leaf = p.terminal();
    out.accept(leaf == null ? 0 : 1);
    if (leaf != null) {
      words(leaf.remainingKey(), out);
      words(leaf.valueHash(), out);
      if (own(p)) {
        long[] limbs = preimage(leaf.valueHash());
        for (long l : limbs) {
          out.accept(l);
        }
      }
    }
    return p;
  }

  /**
   * Sets p's key to v (p is its path under the current root), writing what the guest needs beyond
   * the path: for a deletion of a present key below the root, the deepest sibling's pre-image (flag,
   * 8 elements); for an insertion that meets another key's leaf, that key's decomposition.
   */
  private void update(SmtProof p, BigInteger v, LongConsumer out) throws InputRejectedException {
    boolean own = own(p);
    if (v.signum() == 0) {
      if (own && p.depth() > 0) {
        long[] pre = preimage(p.siblings().get(p.depth() - 1));
        out.accept(pre[8]);
        for (int i = 0; i < 8; i++) {
          out.accept(pre[i]);
        }
      }
    } else if (!own && p.terminal() != null) {
      Hash4 other = KeyPath.join(p.key(), p.depth(), p.terminal().remainingKey());
      int at = p.depth();
      while (at < MAX_DEPTH && KeyPath.bit(other, at) == KeyPath.bit(p.key(), at)) {
        at++;
      }
      if (at >= MAX_DEPTH) {
        throw new InputRejectedException("two keys share a path deeper than the rollup guest follows: max=" + MAX_DEPTH);
      }
      decomposition(other, out);
    }
    root = tree.set(root, p.key(), v);
  }

  private static boolean own(SmtProof p) {
    return p.terminal() != null && KeyPath.join(p.key(), p.depth(), p.terminal().remainingKey()).equals(p.key());
  }

  private long[] preimage(Hash4 h) {
    long[] pre = store.get(h);
    if (pre == null) {
      throw new MissingNodeException(h);
    }
    return pre;
  }

  private static void words(Hash4 h, LongConsumer out) {
    for (int i = 0; i < 4; i++) {
      out.accept(h.get(i));
    }
  }

  private static BigInteger number(Address a) {
    return new BigInteger(1, a.bytes());
  }
}

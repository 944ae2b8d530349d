package dev.zisk4j.proverservice.guest;

import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.InputRejectedException;
import dev.zisk4j.proverservice.input.NodeHash;
import dev.zisk4j.proverservice.rollup.GuestWitness;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The guest's input tape for one request (BATCH.md §4, "Guest input v2"): two framed records of
 * 8-byte little-endian words, every word a canonical Goldilocks element.
 *
 * <pre>
 *  record 1 statement: version=2 | old root f0..f3 | chain_id | batch_num | ts lo32 | ts hi32 | n transfers
 *  record 2 batch:     n x (transfer: from limbs 0..4 | to limbs 0..4 | value lo32 | value hi32 | nonce lo32 | nonce hi32
 *                           | its witness: key decompositions and Merkle paths, {@link GuestWitness})
 * </pre>
 *
 * Limbs are 32-bit, least significant first. The one place that knows this layout.
 */
public final class GuestInput {
  public static final int VERSION = 2;
  public static final int STATEMENT_WORDS = 10;
  public static final int TRANSFER_WORDS = 14;

  private GuestInput() {}

  /**
   * The framed tape bytes for {@code in}.
   *
   * @throws InputRejectedException when the db lacks a node the batch reads (or a path is deeper
   *     than the guest follows)
   */
  public static byte[] encode(CheckedInput in) throws InputRejectedException {
    return tape(in).bytes();
  }

  /**
   * A fresh input holding the tape for {@code in}.
   *
   * @throws InputRejectedException as {@link #encode}
   */
  public static ZiskStdin tape(CheckedInput in) throws InputRejectedException {
    ZiskStdin tape = new ZiskStdin();
    long ts = in.request().getPublicInputs().getEthTimestamp();
    int n = in.batch().transfers().size();
    long[] root = NodeHash.toElements(in.oldStateRoot());
    Words st = new Words();
    st.add(VERSION).add(root)
        .add(Integer.toUnsignedLong(in.request().getPublicInputs().getChainId()))
        .add(Integer.toUnsignedLong(in.request().getPublicInputs().getBatchNum()))
        .add(ts & 0xffff_ffffL).add(ts >>> 32).add(n);
    tape.writeSlice(st.bytes());
    GuestWitness witness = new GuestWitness(in.nodes(), Hash4.of(root, 0));
    Words b = new Words();
    for (Transfer t : in.batch().transfers()) {
      b.add(t.from().limbs()).add(t.to().limbs())
          .add(t.value() & 0xffff_ffffL).add(t.value() >>> 32)
          .add(t.nonce() & 0xffff_ffffL).add(t.nonce() >>> 32);
      witness.transfer(t, b::add);
    }
    tape.writeSlice(b.bytes());
    return tape;
  }

  /** A growing little-endian word buffer. */
  private static final class Words {
    private long[] w = new long[64];
    private int n;

    Words add(long v) {
      if (n == w.length) {
        w = Arrays.copyOf(w, 2 * n);
      }
      w[n++] = v;
      return this;
    }

    Words add(long[] vs) {
      for (long v : vs) {
        add(v);
      }
      return this;
    }

    byte[] bytes() {
      ByteBuffer buf = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        buf.putLong(w[i]);
      }
      return buf.array();
    }
  }
}

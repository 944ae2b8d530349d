package dev.zisk4j.proverservice.guest;

import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.NodeHash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * The guest's input tape for one request (BATCH.md, "Guest input v1"): three framed records of
 * 8-byte little-endian words, every word a canonical Goldilocks element.
 *
 * <pre>
 *  record 1 statement: version=1 | old root f0..f3 | chain_id | batch_num | ts lo32 | ts hi32 | n transfers
 *  record 2 transfers: n x (from limbs 0..4 | to limbs 0..4 | value lo32 | value hi32 | nonce lo32 | nonce hi32)
 *  record 3 witness:   m | m x (key f0..f3 | k | k elements), keys ascending
 * </pre>
 *
 * Limbs are 32-bit, least significant first. The one place that knows this layout.
 */
public final class GuestInput {
  public static final int VERSION = 1;
  public static final int STATEMENT_WORDS = 10;
  public static final int TRANSFER_WORDS = 14;

  private GuestInput() {}

  /** The framed tape bytes for {@code in}. */
  public static byte[] encode(CheckedInput in) {
    return tape(in).bytes();
  }

  /** A fresh input holding the tape for {@code in}. */
  public static ZiskStdin tape(CheckedInput in) {
    ZiskStdin tape = new ZiskStdin();
    long ts = in.request().getPublicInputs().getEthTimestamp();
    int n = in.batch().transfers().size();
    Words st = new Words(STATEMENT_WORDS);
    st.add(VERSION).add(NodeHash.toElements(in.oldStateRoot()))
        .add(Integer.toUnsignedLong(in.request().getPublicInputs().getChainId()))
        .add(Integer.toUnsignedLong(in.request().getPublicInputs().getBatchNum()))
        .add(ts & 0xffff_ffffL).add(ts >>> 32).add(n);
    tape.writeSlice(st.bytes());
    Words tr = new Words(TRANSFER_WORDS * n);
    for (Transfer t : in.batch().transfers()) {
      tr.add(t.from().limbs()).add(t.to().limbs())
          .add(t.value() & 0xffff_ffffL).add(t.value() >>> 32)
          .add(t.nonce() & 0xffff_ffffL).add(t.nonce() >>> 32);
    }
    tape.writeSlice(tr.bytes());
    int words = 1;
    for (long[] v : in.db().values()) {
      words += 5 + v.length;
    }
    Words w = new Words(words);
    w.add(in.db().size());
    for (Map.Entry<String, long[]> e : in.db().entrySet()) {
      w.add(NodeHash.toElements(java.util.HexFormat.of().parseHex(e.getKey()))).add(e.getValue().length)
          .add(e.getValue());
    }
    tape.writeSlice(w.bytes());
    return tape;
  }

  /** A fixed-size little-endian word buffer. */
  private static final class Words {
    private final ByteBuffer buf;

    Words(int n) {
      buf = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    }

    Words add(long v) {
      buf.putLong(v);
      return this;
    }

    Words add(long[] vs) {
      for (long v : vs) {
        buf.putLong(v);
      }
      return this;
    }

    byte[] bytes() {
      return buf.array();
    }
  }
}

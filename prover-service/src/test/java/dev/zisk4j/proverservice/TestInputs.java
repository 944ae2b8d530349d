package dev.zisk4j.proverservice;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.BatchFormat;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.guest.GuestInput;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.Hex;
import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.proverservice.input.NodeHash;
import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Valid requests for tests, and what the fold4 test guest outputs for them. */
public final class TestInputs {
  private TestInputs() {}

  public static Address address(int n) {
    byte[] b = new byte[20];
    b[0] = (byte) 0xa0;
    b[19] = (byte) n;
    b[18] = (byte) (n >>> 8);
    return Address.of(b);
  }

  /**
   * A request with {@code transfers} valid transfers (account i pays account i+1) over a real zkEVM
   * tree of at least {@code accounts} accounts (account i holds balance 1000 + i, nonce 0); its db is
   * every node reachable from the old root. No new root claimed.
   */
  public static InputProver request(int transfers, int accounts) {
    List<Transfer> ts = new ArrayList<>();
    for (int i = 0; i < transfers; i++) {
      ts.add(new Transfer(address(i), address(i + 1), 10 + i, 0));
    }
    MemoryNodeStore store = new MemoryNodeStore();
    SparseMerkleTree tree = new SparseMerkleTree(store);
    SmtKeys keys = new SmtKeys();
    Hash4 root = Hash4.ZERO;
    for (int i = 0; i < Math.max(accounts, transfers + 1); i++) {
      root = tree.set(root, keys.balance(new BigInteger(1, address(i).bytes())), BigInteger.valueOf(1000 + i));
    }
    InputProver.Builder b = InputProver.newBuilder()
        .setPublicInputs(PublicInputs.newBuilder()
            .setOldStateRoot(root.toString())
            .setOldLocalExitRoot("0x" + "0".repeat(64))
            .setNewLocalExitRoot("0x" + "0".repeat(64))
            .setSequencerAddr("0x" + "5".repeat(40))
            .setChainId(1000).setBatchNum(7).setEthTimestamp(1_700_000_000L))
        .setGlobalExitRoot("0x" + "0".repeat(63) + "9")
        .setBatchL2Data(Hex.prefixed(BatchFormat.encode(ts)))
        .putAllDb(NodeText.encodeReachable(root, store));
    return b.build();
  }

  public static CheckedInput checked(InputProver in) {
    try {
      return new InputValidator(InputLimits.defaults()).check(in);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The root fold4.zasm proves for {@code in}, as "0x" + 64 hex digits. */
  public static String fold4Root(InputProver in) {
    byte[] tape;
    try {
      tape = GuestInput.encode(checked(in));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    ByteBuffer buf = ByteBuffer.wrap(tape).order(ByteOrder.LITTLE_ENDIAN);
    long a = 0;
    long bb = 0;
    long c = 0;
    long d = 0;
    while (buf.remaining() >= 8) {
      long len = buf.getLong();
      for (long k = 0; k < len / 8; k++) {
        long w = Goldilocks.reduce64(buf.getLong());
        a = Goldilocks.add(a, w);
        bb = Goldilocks.add(Goldilocks.mul(bb, 3), w);
        c = Goldilocks.add(c, bb);
        d = Goldilocks.add(d, Goldilocks.mul(w, w));
      }
    }
    return Hex.prefixed(NodeHash.toBytes(new long[] {a, bb, c, d}));
  }

  public static InputProver claiming(InputProver in, String newRoot) {
    return in.toBuilder().setPublicInputs(in.getPublicInputs().toBuilder().setNewStateRoot(newRoot)).build();
  }
}

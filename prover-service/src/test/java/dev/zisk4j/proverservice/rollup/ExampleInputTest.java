package dev.zisk4j.proverservice.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.TestInputs;
import dev.zisk4j.proverservice.batch.BatchFormat;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.guest.StateTransition.Report;
import dev.zisk4j.proverservice.input.Hex;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/zkprover/transfers.json} is a valid request whose claimed new_state_root is what
 * the rollup computes. Regenerate with {@code -Dzisk4j.regenerateExample=true}.
 */
class ExampleInputTest {
  static final Path EXAMPLE = Path.of("../examples/zkprover/transfers.json");

  @Test
  void theExampleIsValidAndClaimsTheTrueRoot() throws Exception {
    if (Boolean.getBoolean("zisk4j.regenerateExample")) {
      Files.writeString(EXAMPLE, JsonFormat.printer().print(build()) + "\n");
    }
    InputProver.Builder b = InputProver.newBuilder();
    JsonFormat.parser().merge(Files.readString(EXAMPLE), b);
    InputProver in = b.build();
    Report r = new RollupTransition().apply(TestInputs.checked(in));
    assertThat(Hex.prefixed(r.newRoot())).isEqualTo(in.getPublicInputs().getNewStateRoot());
    assertThat(r.logs()).containsExactly("transfer 3 skipped: nonce 0, expected 2",
        "transfer 4 skipped: balance 150 < value 5000");
    assertThat(in).isEqualTo(build());
  }

  /** Four accounts; five transfers, two of them skipped (a replayed nonce, too little balance). */
  static InputProver build() throws Exception {
    MemoryNodeStore store = new MemoryNodeStore();
    SparseMerkleTree tree = new SparseMerkleTree(store);
    SmtKeys keys = new SmtKeys();
    Hash4 root = Hash4.ZERO;
    long[] balances = {1000, 250, 0, 7};
    for (int i = 0; i < 4; i++) {
      BigInteger a = new BigInteger(1, TestInputs.address(i).bytes());
      if (balances[i] > 0) {
        root = tree.set(root, keys.balance(a), BigInteger.valueOf(balances[i]));
      }
    }
    root = tree.set(root, keys.nonce(new BigInteger(1, TestInputs.address(1).bytes())), BigInteger.valueOf(3));
    List<Transfer> ts = List.of(
        new Transfer(TestInputs.address(0), TestInputs.address(1), 100, 0),
        new Transfer(TestInputs.address(1), TestInputs.address(2), 200, 3),
        new Transfer(TestInputs.address(0), TestInputs.address(3), 50, 1),
        new Transfer(TestInputs.address(0), TestInputs.address(3), 50, 0),
        new Transfer(TestInputs.address(1), TestInputs.address(0), 5000, 4));
    InputProver unclaimed = InputProver.newBuilder()
        .setPublicInputs(PublicInputs.newBuilder().setOldStateRoot(root.toString())
            .setOldLocalExitRoot("0x" + "0".repeat(64)).setNewLocalExitRoot("0x" + "0".repeat(64))
            .setSequencerAddr("0x" + "5".repeat(40)).setChainId(1000).setBatchNum(1).setEthTimestamp(1_700_000_000L))
        .setGlobalExitRoot("0x" + "0".repeat(64))
        .setBatchL2Data(Hex.prefixed(BatchFormat.encode(ts)))
        .putAllDb(NodeText.encodeReachable(root, store))
        .build();
    Report r = new RollupTransition().apply(TestInputs.checked(unclaimed));
    return TestInputs.claiming(unclaimed, Hex.prefixed(r.newRoot()));
  }
}

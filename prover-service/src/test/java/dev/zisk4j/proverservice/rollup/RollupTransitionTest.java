package dev.zisk4j.proverservice.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.TestInputs;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.BatchFormat;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.guest.StateTransition.Report;
import dev.zisk4j.proverservice.input.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The native twin against an independent model: a map of accounts applying BATCH.md §2, whose final
 * state is built into a fresh tree from scratch; the roots must be equal.
 */
class RollupTransitionTest {
  static final SmtKeys KEYS = new SmtKeys();

  record Account(BigInteger balance, BigInteger nonce) {}

  @Property(tries = 25)
  void randomBatchesMatchTheModel(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int accounts,
      @ForAll @IntRange(max = 30) int transfers) throws Exception {
    Random rnd = new Random(seed);
    Map<Address, Account> model = new HashMap<>();
    for (int i = 0; i < accounts; i++) {
      model.put(TestInputs.address(i), new Account(BigInteger.valueOf(rnd.nextInt(200)),
          BigInteger.valueOf(rnd.nextInt(3))));
    }
    Hash4 oldRoot = build(model, new MemoryNodeStore());
    MemoryNodeStore oldStore = new MemoryNodeStore();
    build(model, oldStore);
    List<Transfer> ts = new ArrayList<>();
    for (int i = 0; i < transfers; i++) {
      ts.add(new Transfer(TestInputs.address(rnd.nextInt(accounts + 2)), TestInputs.address(rnd.nextInt(accounts + 2)),
          rnd.nextInt(120), rnd.nextInt(4)));
    }
    InputProver in = request(oldRoot, NodeText.encodeReachable(oldRoot, oldStore), ts);
    Report r = new RollupTransition().apply(TestInputs.checked(in));

    int skipped = 0;
    for (Transfer t : ts) {
      Account from = model.getOrDefault(t.from(), new Account(BigInteger.ZERO, BigInteger.ZERO));
      BigInteger v = BigInteger.valueOf(t.value());
      if (!from.nonce().equals(BigInteger.valueOf(t.nonce())) || from.balance().compareTo(v) < 0) {
        skipped++;
        continue;
      }
      model.put(t.from(), new Account(from.balance().subtract(v), from.nonce().add(BigInteger.ONE)));
      Account to = model.getOrDefault(t.to(), new Account(BigInteger.ZERO, BigInteger.ZERO));
      model.put(t.to(), new Account(to.balance().add(v), to.nonce()));
    }
    Hash4 expected = build(model, new MemoryNodeStore());
    assertThat(Hex.prefixed(r.newRoot())).isEqualTo(expected.toString());
    assertThat(r.logs()).hasSize(skipped).allSatisfy(l -> assertThat(l).contains("skipped"));
    // db + diff_keys_values hold every node of the new state.
    Map<String, String> all = new HashMap<>(in.getDbMap());
    all.putAll(r.diff());
    MemoryNodeStore after = NodeText.decode(all);
    assertThat(NodeText.encodeReachable(expected, after)).isNotNull();
    assertThat(r.poseidonPermutations()).isGreaterThanOrEqualTo(r.diff().size());
  }

  @Test
  void skippedTransfersAreLoggedNotFatal() throws Exception {
    InputProver base = TestInputs.request(0, 2);
    List<Transfer> ts = List.of(
        new Transfer(TestInputs.address(0), TestInputs.address(1), 10, 5),      // wrong nonce
        new Transfer(TestInputs.address(0), TestInputs.address(1), 5000, 0),    // too poor
        new Transfer(TestInputs.address(0), TestInputs.address(1), 10, 0));     // applies
    InputProver in = base.toBuilder().setBatchL2Data(Hex.prefixed(BatchFormat.encode(ts))).build();
    Report r = new RollupTransition().apply(TestInputs.checked(in));
    assertThat(r.logs()).containsExactly("transfer 0 skipped: nonce 5, expected 0",
        "transfer 1 skipped: balance 1000 < value 5000");
    assertThat(r.diff()).isNotEmpty();
    assertThat(r.diff().keySet()).allSatisfy(k -> assertThat(k).hasSize(64).matches("[0-9a-f]+"));
  }

  @Test
  void aDbMissingANodeIsRejectedNamingIt() {
    InputProver full = TestInputs.request(1, 4);
    InputProver partial = full.toBuilder().clearDb().build();
    assertThatThrownBy(() -> new RollupTransition().apply(TestInputs.checked(partial)))
        .hasMessageContaining("db lacks node");
  }

  @Test
  void anEmptyBatchKeepsTheRoot() throws Exception {
    InputProver in = TestInputs.request(0, 3);
    Report r = new RollupTransition().apply(TestInputs.checked(in));
    assertThat(Hex.prefixed(r.newRoot())).isEqualTo(in.getPublicInputs().getOldStateRoot());
    assertThat(r.diff()).isEmpty();
  }

  static Hash4 build(Map<Address, Account> accounts, MemoryNodeStore store) {
    SparseMerkleTree tree = new SparseMerkleTree(store);
    Hash4 root = Hash4.ZERO;
    for (Map.Entry<Address, Account> e : accounts.entrySet()) {
      BigInteger a = new BigInteger(1, e.getKey().bytes());
      root = tree.set(root, KEYS.balance(a), e.getValue().balance());
      root = tree.set(root, KEYS.nonce(a), e.getValue().nonce());
    }
    return root;
  }

  static InputProver request(Hash4 root, Map<String, String> db, List<Transfer> ts) {
    return InputProver.newBuilder()
        .setPublicInputs(PublicInputs.newBuilder().setOldStateRoot(root.toString()).setChainId(1).setBatchNum(1))
        .setBatchL2Data(Hex.prefixed(BatchFormat.encode(ts))).putAllDb(db).build();
  }
}

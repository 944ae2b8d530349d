package dev.zisk4j.proverservice.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.smt.Hash4;
import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.engine.smt.NodeText;
import dev.zisk4j.engine.smt.SmtKeys;
import dev.zisk4j.engine.smt.SparseMerkleTree;
import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.RunOutcome;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proto.zkprover.v1.PublicInputs;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.BatchFormat;
import dev.zisk4j.proverservice.batch.Transfer;
import dev.zisk4j.proverservice.input.CheckedInput;
import dev.zisk4j.proverservice.input.Hex;
import dev.zisk4j.proverservice.input.InputLimits;
import dev.zisk4j.proverservice.input.InputValidator;
import dev.zisk4j.proverservice.input.NodeHash;
import dev.zisk4j.proverservice.rollup.RollupTransition;
import dev.zisk4j.proverservice.guest.StateTransition.Report;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * examples/guests/rollup.zasm, executed on guest input v2, against the native twin
 * ({@link RollupTransition}) on random states and batches: skipped transfers (wrong nonce, too
 * little balance, a receiver past 2^64 - 1), new accounts, balances drained to zero (deleted
 * leaves), transfers to oneself, empty batches.
 */
class RollupGuestTest {
  static final ProgramImage IMAGE = RollupGuest.load().image();

  record World(List<Address> accounts, InputProver request) {}

  static Address address(Random rnd) {
    byte[] b = new byte[20];
    rnd.nextBytes(b);
    return Address.of(b);
  }

  static BigInteger number(Address a) {
    return new BigInteger(1, a.bytes());
  }

  /** A state of {@code accounts} random accounts, and a batch of {@code transfers} drawn to hit every rule. */
  static World world(long seed, int accounts, int transfers) {
    Random rnd = new Random(seed);
    MemoryNodeStore store = new MemoryNodeStore();
    SparseMerkleTree tree = new SparseMerkleTree(store);
    SmtKeys keys = new SmtKeys();
    Hash4 root = Hash4.ZERO;
    List<Address> known = new ArrayList<>();
    long[] balances = new long[accounts];
    long[] nonces = new long[accounts];
    for (int i = 0; i < accounts; i++) {
      Address a = address(rnd);
      known.add(a);
      balances[i] = switch (rnd.nextInt(5)) {
        case 0 -> 0;
        case 1 -> -1L - rnd.nextInt(100); // near 2^64 - 1: a receiver can overflow
        default -> rnd.nextInt(1000);
      };
      nonces[i] = rnd.nextInt(6) == 0 ? -1L : rnd.nextInt(3); // -1: 2^64 - 1, it cannot send
      root = tree.set(root, keys.balance(number(a)), new BigInteger(Long.toUnsignedString(balances[i])));
      root = tree.set(root, keys.nonce(number(a)), new BigInteger(Long.toUnsignedString(nonces[i])));
    }
    List<Transfer> ts = new ArrayList<>();
    for (int i = 0; i < transfers; i++) {
      int f = rnd.nextInt(accounts + 1);
      Address from = f == accounts ? address(rnd) : known.get(f); // an unknown sender: nonce 0, balance 0
      Address to = switch (rnd.nextInt(4)) {
        case 0 -> address(rnd); // a new account
        case 1 -> from;
        default -> known.get(rnd.nextInt(accounts));
      };
      long nonce = f == accounts ? 0 : rnd.nextInt(4) == 0 ? rnd.nextInt(3) : nonces[f];
      long value = switch (rnd.nextInt(6)) {
        case 0 -> 0;
        case 1, 2 -> f == accounts ? 0 : balances[f]; // drains the sender: its balance leaf goes
        case 3 -> rnd.nextInt(2000);
        default -> rnd.nextInt(50);
      };
      ts.add(new Transfer(from, to, value, nonce));
      if (f < accounts && to.equals(from) && nonce == nonces[f] && Long.compareUnsigned(value, balances[f]) <= 0
          && nonces[f] != -1L) {
        nonces[f]++; // keep later nonces of this sender plausible
      }
    }
    InputProver request = InputProver.newBuilder()
        .setPublicInputs(PublicInputs.newBuilder()
            .setOldStateRoot(root.toString())
            .setOldLocalExitRoot("0x" + "0".repeat(64))
            .setNewLocalExitRoot("0x" + "0".repeat(64))
            .setSequencerAddr("0x" + "5".repeat(40))
            .setChainId(1000).setBatchNum(7).setEthTimestamp(1_700_000_000L))
        .setGlobalExitRoot("0x" + "0".repeat(63) + "9")
        .setBatchL2Data(Hex.prefixed(BatchFormat.encode(ts)))
        .putAllDb(NodeText.encodeReachable(root, store))
        .build();
    return new World(known, request);
  }

  static CheckedInput checked(InputProver in) throws Exception {
    return new InputValidator(InputLimits.defaults()).check(in);
  }

  record Run(RunOutcome outcome, long[] out) {}

  static Run run(byte[] tape) throws Exception {
    OutputTape out = new OutputTape();
    RunOutcome o = new Executor(IMAGE).run(VmState.initial(IMAGE), WordTape.ofBytes(tape), out,
        RunLimits.cycles(50_000_000), null);
    return new Run(o, out.toArray());
  }

  static void assertGuestEqualsTwin(InputProver request) throws Exception {
    CheckedInput in = checked(request);
    Report twin = new RollupTransition().apply(in);
    Run r = run(GuestInput.encode(in));
    assertThat(r.outcome().halted()).as("%s", r.outcome()).isTrue();
    assertThat(r.out()).hasSize(4);
    assertThat(Hex.prefixed(NodeHash.toBytes(r.out()))).isEqualTo(Hex.prefixed(twin.newRoot()));
  }

  @Property(tries = 30)
  void guestRootEqualsTheTwinsOnRandomBatches(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int accounts,
      @ForAll @IntRange(min = 0, max = 12) int transfers) throws Exception {
    assertGuestEqualsTwin(world(seed, accounts, transfers).request());
  }

  @Test
  void emptyBatchKeepsTheRoot() throws Exception {
    World w = world(7, 5, 0);
    CheckedInput in = checked(w.request());
    Run r = run(GuestInput.encode(in));
    assertThat(r.outcome().halted()).isTrue();
    assertThat(NodeHash.toBytes(r.out())).isEqualTo(in.oldStateRoot());
  }

  @Test
  void aWrongRootBitOrSiblingMakesTheGuestFault() throws Exception {
    CheckedInput in = checked(dev.zisk4j.proverservice.TestInputs.request(1, 8));
    byte[] good = GuestInput.encode(in);
    assertThat(run(good).outcome().halted()).isTrue();
    // words: record 1 = header + 10 (root at 2..5); record 2 = header + transfer (12..25), then the
    // three key decompositions (76 words each: lo, hi, 16 bits, q per element), then the first path
    int path = 12 + GuestInput.TRANSFER_WORDS + 3 * 76;
    assertThat(word(good, path)).as("depth").isPositive();
    assertFaults(withWord(good, 2, word(good, 2) + 1));           // another old root
    assertFaults(withWord(good, 12 + 14 + 2, 1 - word(good, 28))); // a key bit flipped
    assertFaults(withWord(good, path + 1, word(good, path + 1) + 1)); // a sibling changed
    assertFaults(withWord(good, path, word(good, path) + 1));     // a longer path
  }

  static long word(byte[] tape, int i) {
    return java.nio.ByteBuffer.wrap(tape).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(8 * i);
  }

  static byte[] withWord(byte[] tape, int i, long v) {
    byte[] t = tape.clone();
    java.nio.ByteBuffer.wrap(t).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(8 * i, v);
    return t;
  }

  static void assertFaults(byte[] tape) throws Exception {
    RunOutcome o = run(tape).outcome();
    assertThat(o.halted()).as("%s", o).isFalse();
    assertThat(o.fault()).isNotNull();
  }

  @Test
  void batchesThatSkipAndCreateAccounts() throws Exception {
    for (long seed = 0; seed < 20; seed++) {
      World w = world(seed, 3, 10);
      Report twin = new RollupTransition().apply(checked(w.request()));
      assertGuestEqualsTwin(w.request());
      if (seed == 0) {
        assertThat(twin.logs()).isNotEmpty(); // this seed skips some
      }
    }
  }
}

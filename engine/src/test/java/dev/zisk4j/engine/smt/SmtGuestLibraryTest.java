package dev.zisk4j.engine.smt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.vm.Assembler;
import dev.zisk4j.engine.vm.Executor;
import dev.zisk4j.engine.vm.OutputTape;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vm.RunLimits;
import dev.zisk4j.engine.vm.RunOutcome;
import dev.zisk4j.engine.vm.TestGuests;
import dev.zisk4j.engine.vm.VmState;
import dev.zisk4j.engine.vm.WordTape;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/guests/lib/smt.zasm (through smt-update.zasm) against engine.smt on random trees: the guest
 * accepts exactly the true path and computes the root {@link SparseMerkleTree#set} computes.
 */
class SmtGuestLibraryTest {
  static ProgramImage image;

  @BeforeAll
  static void assemble() throws Exception {
    image = new Assembler().assembleFile(TestGuests.dir().resolve("smt-update.zasm"));
  }

  record Case(Hash4 root, Hash4 key, BigInteger value, SmtProof proof, BigInteger newValue, Hash4 newRoot) {}

  static Hash4 randomKey(Random rnd) {
    long[] k = new long[4];
    for (int i = 0; i < 4; i++) {
      k[i] = Goldilocks.reduce64(rnd.nextLong());
    }
    return Hash4.of(k, 0);
  }

  static BigInteger randomValue(Random rnd) {
    return new BigInteger(1 + rnd.nextInt(256), rnd).add(BigInteger.ONE).min(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
  }

  static Case randomCase(long seed, int keys) {
    Random rnd = new Random(seed);
    SparseMerkleTree tree = new SparseMerkleTree(new MemoryNodeStore());
    Hash4 root = Hash4.ZERO;
    List<Hash4> present = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      Hash4 k = randomKey(rnd);
      root = tree.set(root, k, randomValue(rnd));
      present.add(k);
    }
    Hash4 key = present.get(rnd.nextInt(present.size()));
    BigInteger value = tree.get(root, key);
    SmtProof proof = tree.prove(root, key);
    BigInteger newValue = randomValue(rnd);
    return new Case(root, key, value, proof, newValue, tree.set(root, key, newValue));
  }

  static long[] input(Case c, Hash4 claimedRoot, long[] bits) {
    List<Long> w = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      w.add(claimedRoot.get(i));
    }
    for (int i = 0; i < 4; i++) {
      w.add(c.key().get(i));
    }
    for (long l : SmtValues.toLimbs(c.value())) {
      w.add(l);
    }
    w.add((long) c.proof().depth());
    for (Hash4 s : c.proof().siblings()) {
      for (int i = 0; i < 4; i++) {
        w.add(s.get(i));
      }
    }
    for (long b : bits) {
      w.add(b);
    }
    for (long l : SmtValues.toLimbs(c.newValue())) {
      w.add(l);
    }
    return w.stream().mapToLong(Long::longValue).toArray();
  }

  static long[] bits(Hash4 key) {
    long[] b = new long[256];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 64; j++) {
        b[64 * i + j] = (key.get(i) >>> j) & 1;
      }
    }
    return b;
  }

  record Run(RunOutcome outcome, long[] out) {}

  static Run run(long[] words) throws Exception {
    OutputTape out = new OutputTape();
    RunOutcome o = new Executor(image).run(VmState.initial(image), WordTape.ofBytes(TestGuests.records(words)), out,
        RunLimits.cycles(10_000_000), null);
    return new Run(o, out.toArray());
  }

  @Property(tries = 25)
  void guestComputesTheRootTheJavaTreeComputes(@ForAll @IntRange(min = 1, max = 60) int keys,
      @ForAll long seed) throws Exception {
    Case c = randomCase(seed, keys);
    assertThat(c.proof().verifies(c.root())).isTrue();
    Run r = run(input(c, c.root(), bits(c.key())));
    assertThat(r.outcome().halted()).as("%s", r.outcome()).isTrue();
    assertThat(Hash4.of(r.out(), 0)).isEqualTo(c.newRoot());
    // one POSEIDON per level and two for the leaf, twice (verify, then update)
    assertThat(r.outcome().permutations()).isEqualTo(2L * (c.proof().depth() + 2));
  }

  @Test
  void wrongRootSiblingBitOrZeroValueFails() throws Exception {
    Case c = randomCase(42, 30);
    assertThat(c.proof().depth()).isPositive();
    long[] good = input(c, c.root(), bits(c.key()));
    assertThat(run(good).outcome().halted()).isTrue();

    long[] wrongRoot = input(c, Hash4.of(new long[] {c.root().get(0) ^ 1, c.root().get(1), c.root().get(2),
        c.root().get(3)}, 0), bits(c.key()));
    assertFault(wrongRoot, "ASSERT failed");

    long[] wrongSibling = good.clone();
    wrongSibling[4 + 4 + 8 + 1] = Goldilocks.add(wrongSibling[17], 1);
    assertFault(wrongSibling, "ASSERT failed");

    // a path bit flipped: the bits no longer spell the key
    long[] b = bits(c.key());
    b[0] ^= 1;
    assertFault(input(c, c.root(), b), "ASSERT failed");
    // a non-boolean "bit"
    long[] b2 = bits(c.key());
    b2[5] = 2;
    assertFault(input(c, c.root(), b2), "ASSERT failed");
    // bits of key + p (a second 64-bit spelling of a small element) are refused as non-canonical
    Hash4 small = new Hash4(5, c.key().get(1), c.key().get(2), c.key().get(3));
    long[] alias = bits(small);
    long plusP = 5L + Goldilocks.P; // 64-bit, ≡ 5 mod p
    for (int j = 0; j < 64; j++) {
      alias[j] = (plusP >>> j) & 1;
    }
    Case cs = new Case(c.root(), small, c.value(), c.proof(), c.newValue(), c.newRoot());
    assertFault(input(cs, c.root(), alias), "ASSERT failed: a=6, b=0"); // low half 6 under an all-ones high half

    Case zero = new Case(c.root(), c.key(), c.value(), c.proof(), BigInteger.ZERO, c.newRoot());
    assertFault(input(zero, c.root(), bits(c.key())), "ASSERT failed");
  }

  static void assertFault(long[] words, String reason) throws Exception {
    Run r = run(words);
    assertThat(r.outcome().stop()).isEqualTo(RunOutcome.Stop.FAULT);
    assertThat(r.outcome().fault().reason()).contains(reason);
  }
}

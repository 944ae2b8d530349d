package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.field.Goldilocks;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExecutorTest {
  private static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

  record Run(RunOutcome outcome, long[] outputs, VmState state) {}

  static Run run(ProgramImage image, byte[] input) throws Exception {
    VmState s = VmState.initial(image.withLogMemoryWords(14));
    OutputTape out = new OutputTape();
    RunOutcome o = new Executor(image).run(s, WordTape.ofBytes(input), out, RunLimits.cycles(50_000_000), null);
    return new Run(o, out.toArray(), s);
  }

  static Run run(String src, byte[] input) throws Exception {
    return run(new Assembler().assemble(src), input);
  }

  @Test
  void fibOf90IsTheKnownAnswer() throws Exception {
    Run r = run(TestGuests.image("fib"), TestGuests.records(new long[] {90}));
    assertThat(r.outcome().halted()).isTrue();
    assertThat(r.outputs()).containsExactly(2880067194370816120L);
  }

  @Test
  void sumAddsTheWordsModP() throws Exception {
    Run r = run(TestGuests.image("sum"), TestGuests.records(new long[] {1, 2, 3, Goldilocks.P - 1}));
    assertThat(r.outputs()).containsExactly(5L);
    assertThat(r.state().inputPosition()).isEqualTo(5);
  }

  @Test
  void mixMatchesAnIndependentModel() throws Exception {
    long[][] recs = {{1, 2, 3}, {0xFFFF_FFFF_FFFF_FFFFL}, {}};
    Run r = run(TestGuests.image("mix"), TestGuests.records(recs));
    // reference: BigInteger model of the comment in mix.zasm
    BigInteger s5 = BigInteger.valueOf(0x243F6A88L), s6 = BigInteger.valueOf(0x85A308D3L);
    long[] expected = new long[recs.length + 2];
    int k = 0;
    for (long[] rec : recs) {
      for (long w : rec) {
        s5 = s5.add(new BigInteger(Long.toUnsignedString(w)).mod(P)).mod(P);
        for (int c = 8; c >= 1; c--) {
          BigInteger t = s5.add(s6).add(BigInteger.valueOf(c)).mod(P);
          BigInteger next = t.modPow(BigInteger.valueOf(7), P).add(s6).mod(P);
          s6 = s5;
          s5 = next;
        }
      }
      expected[k++] = s5.longValue();
    }
    // the empty record has header 0, i.e. it ends the input: the third write is the final s5
    expected = new long[] {expected[0], expected[1], expected[1], s6.longValue()};
    assertThat(r.outputs()).containsExactly(expected);
  }

  @Test
  void checksumCountsAndFoldsEveryRecord() throws Exception {
    Random rnd = new Random(7);
    long[] a = rnd.longs(40).toArray();
    long[] b = rnd.longs(3).toArray();
    Run r = run(TestGuests.image("checksum"), TestGuests.records(a, b));
    BigInteger s1 = BigInteger.ZERO, s2 = BigInteger.ZERO;
    for (long w : concat(a, b)) {
      s1 = s1.add(new BigInteger(Long.toUnsignedString(w)).mod(P)).mod(P);
      s2 = s2.add(s1).mod(P);
    }
    assertThat(r.outputs()).containsExactly(43, s1.longValue(), s2.longValue());
  }

  @Test
  void sortSortsWordsBelow2To32() throws Exception {
    long[] words = new Random(3).longs(60, 0, 1L << 32).toArray();
    Run r = run(TestGuests.image("sort"), TestGuests.records(words));
    long[] sorted = words.clone();
    Arrays.sort(sorted);
    assertThat(r.outputs()).containsExactly(sorted);
  }

  @Test
  void merkleAcceptsAValidPathAndFaultsOnAWrongRoot() throws Exception {
    long leaf = 12345;
    long[] siblings = {11, 22, 33};
    long[] isRight = {0, 1, 1};
    BigInteger node = BigInteger.valueOf(leaf);
    for (int i = 0; i < siblings.length; i++) {
      BigInteger s = BigInteger.valueOf(siblings[i]);
      node = isRight[i] != 0 ? compress(s, node) : compress(node, s);
    }
    long root = node.longValue();
    long[] rec = {root, leaf, 3, 11, 0, 22, 1, 33, 1};
    Run ok = run(TestGuests.image("merkle"), TestGuests.records(rec));
    assertThat(ok.outputs()).containsExactly(root);
    rec[0] = root ^ 1;
    Run bad = run(TestGuests.image("merkle"), TestGuests.records(rec));
    assertThat(bad.outcome().stop()).isEqualTo(RunOutcome.Stop.FAULT);
    assertThat(bad.outcome().fault().reason()).startsWith("ASSERT failed");
  }

  private static BigInteger compress(BigInteger l, BigInteger r) {
    BigInteger s0 = l, s1 = r;
    for (int c = 4; c >= 1; c--) {
      BigInteger t = s0.add(s1).add(BigInteger.valueOf(c)).mod(P);
      BigInteger next = t.modPow(BigInteger.valueOf(7), P).add(s1).mod(P);
      s1 = s0;
      s0 = next;
    }
    return s0;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void arithmeticAndComparisonsFollowTheIsa() throws Exception {
    Run r = run("""
        li r1, 5
        li r2, -3          ; p - 3
        add r3, r1, r2     ; 2
        write r3
        mul r3, r1, r2     ; -15
        write r3
        inv r4, r1
        mul r4, r4, r1     ; 1
        write r4
        eq r5, r1, 5
        write r5
        eq r5, r1, r2+8    ; 5 == 5
        write r5
        lt r6, r1, 6       ; 5 < 6
        write r6
        lt r6, r1, r2      ; 5 < -3 ? no (signed view)
        write r6
        call f             ; pc 17: r7 = 18
        halt
f:      write r7
        ret
        """, new byte[0]);
    assertThat(r.outcome().halted()).isTrue();
    assertThat(r.outputs()).containsExactly(2, Goldilocks.P - 15, 1, 1, 1, 1, 0, 18);
  }

  @Test
  void memoryLoadsWhatWasStoredAndDataIsPreloaded() throws Exception {
    Run r = run("""
        .data 10: 7, 8
        li r1, 3
        store r1, [r0+12]
        load r2, [12]
        load r3, [r1+8]     ; address 11 -> 8
        load r4, [10]
        write r2
        write r3
        write r4
        halt
        """, new byte[0]);
    assertThat(r.outputs()).containsExactly(3, 8, 7);
    assertThat(r.state().memoryAt(12)).isEqualTo(3);
  }

  @Test
  void readPastTheEndGivesZeroAndWordsReduceModP() throws Exception {
    Run r = run("read r1\nread r2\nwrite r1\nwrite r2\nhalt\n", new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    assertThat(r.outputs()).containsExactly(0xFFFF_FFFEL, 0L);
  }

  @Test
  void faultsNameThePcAndTheValues() throws Exception {
    assertFault("li r1, 0\ninv r2, r1\nhalt\n", 1, "INV of zero");
    assertFault("li r1, 5\nassert r1, 6\nhalt\n", 1, "ASSERT failed: a=5, b=6");
    assertFault("li r1, 0x100000000\nli r2, 0x300000000\nlt r3, r1, r2\nhalt\n", 2, "LT operands further apart");
    assertFault("load r1, [16384]\nhalt\n", 0, "memory address outside RAM: address=16384");
    assertFault("store r1, [-1]\nhalt\n", 0, "memory address outside RAM");
    assertFault("jmp 5\n", 5, "pc outside the program");
    assertFault("nop\n", 1, "pc outside the program");
  }

  private static void assertFault(String src, long pc, String reason) throws Exception {
    Run r = run(src, new byte[0]);
    assertThat(r.outcome().stop()).isEqualTo(RunOutcome.Stop.FAULT);
    assertThat(r.outcome().fault().pc()).isEqualTo(pc);
    assertThat(r.outcome().fault().reason()).contains(reason);
  }

  @Test
  void limitsStopBeforeTheNextCycleAndTheRunResumes() throws Exception {
    ProgramImage image = TestGuests.image("fib");
    VmState s = VmState.initial(image);
    OutputTape out = new OutputTape();
    InputTape in = WordTape.ofBytes(TestGuests.records(new long[] {30}));
    Executor ex = new Executor(image);
    RunOutcome first = ex.run(s, in, out, RunLimits.cycles(10), null);
    assertThat(first.stop()).isEqualTo(RunOutcome.Stop.CYCLE_LIMIT);
    assertThat(first.cycles()).isEqualTo(10);
    RunOutcome rest = ex.run(s, in, out, RunLimits.cycles(1_000), null);
    assertThat(rest.halted()).isTrue();
    assertThat(out.toArray()).containsExactly(832040L);
    assertThat(image.code().get((int) s.pc()).op()).isEqualTo(Opcode.HALT);
  }

  @Test
  void accessLimitStopsBeforeTheMemoryCycle() throws IOException, Exception {
    ProgramImage image = TestGuests.assembler().assemble("store r0, [1]\nstore r0, [2]\nhalt\n");
    VmState s = VmState.initial(image);
    RunOutcome o = new Executor(image).run(s, WordTape.ofWords(), new OutputTape(), new RunLimits(100, 1), null);
    assertThat(o.stop()).isEqualTo(RunOutcome.Stop.ACCESS_LIMIT);
    assertThat(s.pc()).isEqualTo(1);
  }
}

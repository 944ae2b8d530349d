package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.engine.api.ProgressListener;
import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.engine.api.ZkVm;
import dev.zisk4j.engine.hash.Poseidon;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The POSEIDON instruction (PRECOMPILES.md §1): encoding, execution against the native permutation, limits. */
class PoseidonInstructionTest {
  /** The native chain: N permutations of the zero state. */
  static long[] nativeChain(long n) {
    long[] s = new long[Poseidon.WIDTH];
    Poseidon p = new Poseidon();
    for (long i = 0; i < n; i++) {
      p.permute(s);
    }
    return s;
  }

  static ExecutorTest.Run runGuest(long n, boolean bincode) throws Exception {
    ProgramImage image = new Assembler().assemble(TestGuests.source("poseidon-chain"));
    byte[] in = bincode ? framed(bincodeU64(n)) : TestGuests.records(new long[] {n});
    VmState s = VmState.initial(image);
    OutputTape out = new OutputTape();
    RunOutcome o = new Executor(image).run(s, WordTape.ofBytes(in), out, RunLimits.cycles(100_000_000), null);
    return new ExecutorTest.Run(o, out.toArray(), s);
  }

  /** One record: u64 byte length, the bytes, zero padding to 8. */
  static byte[] framed(byte[] payload) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + (payload.length + 7) / 8 * 8)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(payload.length).put(payload);
    return b.array();
  }

  /** bincode 2 standard() varint of a u64, as `--u64` writes it. */
  static byte[] bincodeU64(long v) {
    if (Long.compareUnsigned(v, 251) < 0) {
      return new byte[] {(byte) v};
    }
    int len = Long.compareUnsigned(v, 1L << 16) < 0 ? 2 : Long.compareUnsigned(v, 1L << 32) < 0 ? 4 : 8;
    byte[] b = new byte[1 + len];
    b[0] = (byte) (len == 2 ? 251 : len == 4 ? 252 : 253);
    for (int i = 0; i < len; i++) {
      b[1 + i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  @Test
  void chainOfAThousandEqualsTheNativePermutation() throws Exception {
    ExecutorTest.Run r = runGuest(1000, true);
    assertThat(r.outcome().halted()).isTrue();
    assertThat(r.outputs()).containsExactly(nativeChain(1000));
    assertThat(r.outcome().permutations()).isEqualTo(1000);
    assertThat(r.state().permutations()).isEqualTo(1000);
  }

  @Property(tries = 12)
  void chainEqualsNativeForAnyLengthAndEncoding(@ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll boolean bincode) throws Exception {
    ExecutorTest.Run r = runGuest(n, bincode);
    assertThat(r.outputs()).containsExactly(nativeChain(n));
    assertThat(r.outcome().permutations()).isEqualTo(n);
  }

  @Test
  void bincodeEncodingsOfEveryWidthDecode() throws Exception {
    for (long n : new long[] {0, 250, 251, 65_535, 65_536, 70_000}) {
      assertThat(runGuest(n, true).outcome().permutations()).as("n=%d", n).isEqualTo(n);
    }
  }

  @Test
  void permutesRamInPlaceAtRs1PlusImm() throws Exception {
    Random rnd = new Random(7);
    long[] state = new long[Poseidon.WIDTH];
    StringBuilder src = new StringBuilder(".memory 32\n");
    for (int i = 0; i < state.length; i++) {
      state[i] = rnd.nextLong() >>> 1;
      src.append(".data ").append(13 + i).append(": ").append(state[i]).append('\n');
    }
    src.append("li r3, 10\nposeidon [r3+3]\nli r2, 13\nl: load r1, [r2]\nwrite r1\nadd r2, r2, 1\neq r4, r2, 25\nbz r4, l\nhalt\n");
    ExecutorTest.Run r = ExecutorTest.run(new Assembler().assemble(src.toString()), new byte[0]);
    new Poseidon().permute(state);
    assertThat(r.outputs()).containsExactly(state);
    assertThat(r.outcome().memoryAccesses()).isEqualTo(Isa.POSEIDON_CYCLES + 12);
  }

  @Test
  void stateOutsideRamFaults() throws Exception {
    ProgramImage image = new Assembler().assemble(".memory 16\nli r1, 5\nposeidon [r1]\nhalt\n");
    VmState s = VmState.initial(image);
    RunOutcome o = new Executor(image).run(s, WordTape.ofBytes(new byte[0]), new OutputTape(), RunLimits.cycles(100), null);
    assertThat(o.stop()).isEqualTo(RunOutcome.Stop.FAULT);
    assertThat(o.fault().reason()).contains("POSEIDON state outside RAM: address=5, M=16");
    ProgramImage tiny = new Assembler().assemble(".memory 8\nposeidon [0]\nhalt\n");
    RunOutcome t = new Executor(tiny).run(VmState.initial(tiny), WordTape.ofBytes(new byte[0]), new OutputTape(),
        RunLimits.cycles(100), null);
    assertThat(t.fault().reason()).contains("POSEIDON state outside RAM: address=0, M=8");
    ProgramImage wrap = new Assembler().assemble(".memory 16\nposeidon [-1]\nhalt\n");
    RunOutcome w = new Executor(wrap).run(VmState.initial(wrap), WordTape.ofBytes(new byte[0]), new OutputTape(),
        RunLimits.cycles(100), null);
    assertThat(w.stop()).isEqualTo(RunOutcome.Stop.FAULT);
  }

  @Test
  void limitsNeverSplitAPermutation() throws Exception {
    ProgramImage image = new Assembler().assemble(".memory 16\nposeidon [0]\nposeidon [0]\nhalt\n");
    VmState s = VmState.initial(image);
    Executor ex = new Executor(image);
    RunOutcome first = ex.run(s, WordTape.ofBytes(new byte[0]), new OutputTape(), RunLimits.cycles(30), null);
    assertThat(first.stop()).isEqualTo(RunOutcome.Stop.CYCLE_LIMIT);
    assertThat(first.cycles()).isEqualTo(24);
    assertThat(first.permutations()).isEqualTo(1);
    RunOutcome access = ex.run(s, WordTape.ofBytes(new byte[0]), new OutputTape(), new RunLimits(100, 23), null);
    assertThat(access.stop()).isEqualTo(RunOutcome.Stop.ACCESS_LIMIT);
    assertThat(access.cycles()).isZero();
    RunOutcome rest = ex.run(s, WordTape.ofBytes(new byte[0]), new OutputTape(), RunLimits.cycles(100), null);
    assertThat(rest.halted()).isTrue();
    assertThat(s.permutations()).isEqualTo(2);
    assertThat(s.cycles()).isEqualTo(49);
  }

  @Test
  void encodingKeepsTheOldWordsAndRoundTrips() throws Exception {
    Instruction p = new Instruction(Opcode.POSEIDON, 0, 3, 0, 5);
    assertThat(p.word()).isEqualTo(8192 + 128 * 3);
    assertThat(Instruction.decode(p.word(), 5)).isEqualTo(p);
    assertThat(new Instruction(Opcode.STORE, 0, 7, 7, 0).word()).isEqualTo(10 + 128 * 7 + 1024 * 7);
    ProgramImage image = new Assembler().assemble("poseidon [r2-4]\nposeidon [9]\n.insn poseidon, r0, r1, r5, 0\nhalt\n");
    String text = new Disassembler().disassemble(image);
    assertThat(text).contains("poseidon [r2-4]", "poseidon [9]", ".insn poseidon, r0, r1, r5, 0");
    assertThat(new Assembler().assemble(text).encode()).isEqualTo(image.encode());
    assertThat(ProgramImage.decode(image.encode()).code()).isEqualTo(image.code());
    assertThatThrownBy(() -> new Assembler().assemble("poseidon r1\n")).isInstanceOf(AsmException.class);
    assertThatThrownBy(() -> new Assembler().assemble(".insn poseidon, r1, r0, r0, 0\n"))
        .hasMessageContaining("rd must be r0 for POSEIDON");
  }

  @Test
  void provingUsesThePrecompileVariantOfTheVmAir() throws Exception {
    ProgramImage image = new Assembler().assemble(TestGuests.source("poseidon-chain"));
    assertThat(VmAir.of(image, InputMode.PUBLIC).usesPoseidon()).isTrue();
    assertThat(VmAir.of(image, InputMode.PUBLIC).name()).isEqualTo("zisk4j/vm/v1+poseidon");
    assertThat(VmAir.of(TestGuests.image("fib"), InputMode.PUBLIC).name()).isEqualTo("zisk4j/vm/v1");
    byte[] in = TestGuests.records(new long[] {3});
    try (Workers w = Workers.perCore()) {
      var r = new ZkVm(w).prove(image, in, ProveOptions.standard().withLogRows(9), ProgressListener.NONE);
      long[] s = new long[12];
      Poseidon p = new Poseidon();
      for (int i = 0; i < 3; i++) {
        p.permute(s);
      }
      assertThat(r.outputs()).containsExactly(s);
    }
    assertThat(List.of(Opcode.vmAirValues())).doesNotContain(Opcode.POSEIDON).hasSize(16);
  }
}

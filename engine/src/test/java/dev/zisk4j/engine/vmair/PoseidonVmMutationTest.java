package dev.zisk4j.engine.vmair;

import static dev.zisk4j.engine.vm.TraceLayout.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.engine.air.AirChecker;
import dev.zisk4j.engine.air.CheckReport;
import dev.zisk4j.engine.air.Constraint;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.hash.Poseidon;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.precompile.PoseidonAir;
import dev.zisk4j.engine.precompile.PoseidonBus;
import dev.zisk4j.engine.precompile.PoseidonTrace;
import dev.zisk4j.engine.stark.MainCommitment;
import dev.zisk4j.engine.stark.ProofOptions;
import dev.zisk4j.engine.stark.ProvingException;
import dev.zisk4j.engine.stark.StarkProofFormat;
import dev.zisk4j.engine.stark.StarkProver;
import dev.zisk4j.engine.stark.StarkVerifier;
import dev.zisk4j.engine.stark.VerificationResult;
import dev.zisk4j.engine.stark.VerifyError;
import dev.zisk4j.engine.stark.VerifyingKey;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import dev.zisk4j.engine.vm.Assembler;
import dev.zisk4j.engine.vm.Opcode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The VM side of the Poseidon bus (PRECOMPILES.md §3): the precompile variant's mutation suite. Every
 * new constraint (the POSEIDON flag in decode, the {@code poseidon.*} micro-row family, {@code
 * bus.poseidon}, the first/last boundaries) is broken by one case; the checker names it, the prover
 * refuses the trace or the verifier rejects the statement.
 */
class PoseidonVmMutationTest {
  static final String PROGRAM = """
              .memory 32
              .data 3: 77
              poseidon [0]
              li r1, 12
              poseidon [r1+4]
              load r2, [16]
              write r2
              halt
      """;
  static final int ROWS = 512;
  static final int M = 32;
  /** First micro-rows of the two POSEIDONs. */
  static final int P1 = 0;
  static final int P2 = 25;
  static final int LI = 24;
  static VmTraces base;
  static final Set<String> familiesHit = new HashSet<>();

  @BeforeAll
  static void build() throws Exception {
    base = VmTraces.build(new Assembler().assemble(PROGRAM), new byte[0], ROWS, M, InputMode.PUBLIC);
    assertThat(base.trace().outcome().halted()).isTrue();
    assertThat(base.air().usesPoseidon()).isTrue();
    assertThat(base.trace().main()[F_POS][P2]).isEqualTo(1);
    assertThat(base.trace().main()[PJ][P2 + 23]).isEqualTo(23);
  }

  @Test
  void theUntamperedTraceIsAccepted() {
    CheckReport r = base.check(base.copyMain());
    assertThat(r.ok()).as(r.toString()).isTrue();
    assertThat(base.trace().permutations()).hasSize(2);
  }

  @Test
  void theVmSideOfTheBusIsTheRequestSumAndBalancesAnInstance() {
    List<long[]> messages = new ArrayList<>();
    long[][] inputs = base.trace().permutations().toArray(long[][]::new);
    for (long[] in : inputs) {
      long[] out = in.clone();
      new Poseidon().permute(out);
      long[] msg = new long[PoseidonBus.MESSAGE_WORDS];
      System.arraycopy(in, 0, msg, 0, 12);
      System.arraycopy(out, 0, msg, 12, 12);
      messages.add(msg);
    }
    var ch = base.challenges();
    var posCh = dev.zisk4j.engine.air.Challenges.of(ch.field(),
        List.of(ch.get(VmChallenges.ALPHA_POS), ch.get(VmChallenges.BETA_POS)));
    Ext posSum = ch.field().element(java.util.Arrays.copyOfRange(base.publics().ext(), 2 * VmPublics.POS_SUM,
        2 * VmPublics.POS_SUM + 2));
    assertThat(posSum).isEqualTo(PoseidonBus.requestSum(messages, posCh));
    long[][] inst = PoseidonTrace.build(inputs, new long[] {1, 1}, PoseidonTrace.rowsFor(2));
    assertThat(posSum.add(PoseidonAir.busSum(inst, posCh)).isZero()).isTrue();
    inst[PoseidonAir.MULT][0] = 2; // a forged multiplicity on the instance side unbalances it
    assertThat(posSum.add(PoseidonAir.busSum(inst, posCh)).isZero()).isFalse();
  }

  static Consumer<long[][]> add(int col, int row, long delta) {
    return m -> m[col][row] = Goldilocks.add(m[col][row], delta);
  }

  static Consumer<long[][]> set(int col, int row, long v) {
    return m -> m[col][row] = v;
  }

  static Arguments trace(String what, String expected, Consumer<long[][]> tamper) {
    return Arguments.of(what, expected, tamper, null);
  }

  static Arguments statement(String what, String expected, UnaryOperator<PublicValues> tamper) {
    return Arguments.of(what, expected, null, tamper);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        trace("POSEIDON flag not boolean", "decode.flag_bool.poseidon", set(F_POS, P2 + 3, 2)),
        trace("POSEIDON and ADD flags together", "decode.flag_sum", set(F0 + Opcode.ADD.code(), P2 + 3, 1)),
        trace("word does not decode as POSEIDON", "decode.word", add(WORD, P2 + 3, 1)),
        trace("POSEIDON with rd != r0", "decode.rd_forced", m -> {
          m[SD0][P2 + 3] = 0;
          m[SD0 + 2][P2 + 3] = 1;
        }),
        trace("pc advances inside a POSEIDON", "pc.next", add(PC, P2 + 4, 1)),
        trace("a read micro-row's value is not RAM", "last.Lm", add(MVAL, P2 + 2, 1)),
        trace("a write micro-row stores a wrong output word", "last.Lpos", m -> {
          int row = P2 + 12 + 3;
          m[MVAL][row] = Goldilocks.add(m[MVAL][row], 1);
          for (int i = 0; i < ROWS; i++) { // keep the memory table consistent with the lie
            if (m[MC][i] == row + 1 && m[MN][i] == 0 && m[MP][i] == 0) {
              m[MV][i] = m[MVAL][row];
            }
          }
        }),
        trace("last micro-row flag not boolean", "poseidon.pl_bool", set(PL, P2 + 23, 2)),
        trace("last micro-row flag off a POSEIDON", "poseidon.pl_flag", set(PL, LI, 1)),
        trace("write flag not boolean", "poseidon.pw_bool", set(PW, P2 + 14, 2)),
        trace("write flag off a POSEIDON", "poseidon.pw_flag", set(PW, LI, 1)),
        trace("POSEIDON cut short (next row is not a micro-row)", "poseidon.stay", m -> {
          m[F_POS][P2 + 6] = 0;
          m[F0 + Opcode.ADD.code()][P2 + 6] = 1;
        }),
        trace("micro index skips", "poseidon.count", add(PJ, P2 + 5, 1)),
        trace("POSEIDON starts at a micro index other than 0", "poseidon.start", set(PJ, P2, 1)),
        trace("POSEIDON starts on the write half", "poseidon.pw_start", set(PW, P2, 1)),
        trace("POSEIDON ends early", "poseidon.end", m -> {
          m[PL][P2 + 22] = 1;
          m[PL][P2 + 23] = 0;
        }),
        trace("POSEIDON ends on the read half", "poseidon.pw_end", set(PW, P2 + 23, 0)),
        trace("write half goes back to reading", "poseidon.pw_mono", set(PW, P2 + 15, 0)),
        trace("write half starts early", "poseidon.pw_switch", set(PW, P2 + 11, 1)),
        trace("micro-row address is not A + j mod 12", "poseidon.addr", add(MADDR, P2 + 3, 1)),
        trace("row 0 micro index not 0", "first.pj", set(PJ, 0, 5)),
        trace("row 0 on the write half", "first.pw", set(PW, 0, 1)),
        trace("a POSEIDON on the last row", "last.poseidon", m -> {
          m[F_POS][ROWS - 1] = 1;
          m[F0 + Opcode.STALL.code()][ROWS - 1] = 0;
        }),
        statement("wrong POS_SUM claimed", "last.Lpos", p -> {
          long[] e = p.ext();
          e[2 * VmPublics.POS_SUM] = Goldilocks.add(e[2 * VmPublics.POS_SUM], 1);
          return new PublicValues(p.base(), e);
        }));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void checkerNamesTheBrokenConstraint(String what, String expected, Consumer<long[][]> traceTamper,
      UnaryOperator<PublicValues> statementTamper) {
    long[][] main = base.copyMain();
    PublicValues pub = base.publics();
    if (traceTamper != null) {
      traceTamper.accept(main);
    }
    if (statementTamper != null) {
      pub = statementTamper.apply(pub);
    }
    CheckReport report = base.check(main, pub);
    assertThat(report.violates(expected)).as(what + ": " + report.violations()).isTrue();
    report.violations().forEach(v -> familiesHit.add(v.family()));
  }

  /** Aux tampering (a prover that does not build Pacc or Lpos honestly): the transitions name it. */
  @Test
  void forgedAuxColumnsBreakTheAccumulatorAndTheBus() {
    long[][] main = base.copyMain();
    long[][] aux = base.air().buildAux(base.pre(), main, base.challenges(), base.publics());
    int d = base.challenges().field().degree();
    long[][] pacc = copy(aux);
    pacc[d * VmAuxBuilder.PACC][P2 + 7] = Goldilocks.add(pacc[d * VmAuxBuilder.PACC][P2 + 7], 1);
    assertThat(checkAux(main, pacc).violates("poseidon.acc")).isTrue();
    long[][] pacc0 = copy(aux);
    pacc0[d * VmAuxBuilder.PACC][0] = Goldilocks.add(pacc0[d * VmAuxBuilder.PACC][0], 1);
    assertThat(checkAux(main, pacc0).violates("first.Pacc")).isTrue();
    long[][] lpos = copy(aux);
    lpos[d * VmAuxBuilder.LPOS][P2 + 40] = Goldilocks.add(lpos[d * VmAuxBuilder.LPOS][P2 + 40], 1);
    CheckReport r = checkAux(main, lpos);
    assertThat(r.violates("bus.poseidon")).isTrue();
    long[][] lpos0 = copy(aux);
    lpos0[d * VmAuxBuilder.LPOS][0] = 1;
    assertThat(checkAux(main, lpos0).violates("first.Lpos")).isTrue();
    for (long[][] a : List.of(pacc, pacc0, lpos, lpos0)) {
      checkAux(main, a).violations().forEach(v -> familiesHit.add(v.family()));
    }
  }

  private static CheckReport checkAux(long[][] main, long[][] aux) {
    return AirChecker.check(base.air().constraints(), base.pre(), main, aux, base.challenges(), base.publics());
  }

  private static long[][] copy(long[][] a) {
    long[][] c = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** The same cases through the STARK: the prover must refuse, or the verifier reject. */
  @ParameterizedTest(name = "prove: {0}")
  @MethodSource("cases")
  void proverFailsOrVerifierRejects(String what, String expected, Consumer<long[][]> traceTamper,
      UnaryOperator<PublicValues> statementTamper) {
    long[][] main = base.copyMain();
    if (traceTamper != null) {
      traceTamper.accept(main);
    }
    PublicValues pub = base.publics();
    try (Workers workers = Workers.of(1)) {
      StarkProver prover = new StarkProver(ProofOptions.DEFAULT, workers);
      MainCommitment mc = prover.commitMain(base.air(), main);
      byte[] proof;
      try {
        proof = StarkProofFormat.encode(prover.provePhase2(mc, base.challenges(), pub, transcript(mc.mainRoot())));
      } catch (ProvingException e) {
        assertThat(e.getMessage()).contains("trace does not satisfy the AIR zisk4j/vm/v1+poseidon");
        return;
      }
      assertThat(statementTamper).as(what + ": the prover proved a tampered trace").isNotNull();
      VerifyingKey vk = VerifyingKey.of(base.air(), Integer.numberOfTrailingZeros(ROWS), ProofOptions.DEFAULT, workers);
      VerificationResult r = new StarkVerifier().verifyPhase2(vk, proof, mc.mainRoot(), base.challenges(),
          statementTamper.apply(pub), transcript(mc.mainRoot()));
      assertThat(r.accepted()).as(what).isFalse();
      assertThat(r.error()).contains(VerifyError.OOD_MISMATCH);
    }
  }

  private static Transcript transcript(byte[] mainRoot) {
    Transcript t = Transcript.create(Transcript.LABEL_SEGMENT);
    t.absorb(TranscriptTag.MAIN_ROOT, mainRoot);
    return t;
  }

  @AfterAll
  static void everyNewFamilyIsExercised() {
    List<String> families = base.air().constraints().constraints().stream().map(Constraint::family)
        .distinct().toList();
    assertThat(families).contains("poseidon", "bus.poseidon");
    assertThat(familiesHit).contains("poseidon", "bus.poseidon", "decode", "first", "last", "pc");
  }
}

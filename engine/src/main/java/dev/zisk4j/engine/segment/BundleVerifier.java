package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.ProofShape;
import dev.zisk4j.engine.stark.SecurityEstimate;
import dev.zisk4j.engine.stark.SecurityLevel;
import dev.zisk4j.engine.stark.StarkVerifier;
import dev.zisk4j.engine.stark.VerificationResult;
import dev.zisk4j.engine.stark.VerifyingKey;
import dev.zisk4j.engine.vm.DataWord;
import dev.zisk4j.engine.vm.Instruction;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.Opcode;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.VmAir;
import dev.zisk4j.engine.vmair.VmChallenges;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a {@link Bundle} against what the verifier holds (engine.md §5.3): the program (which
 * fixes the RAM size), the expected input with its mode, and a {@link VerifyPolicy} saying which
 * configs are acceptable. The proof chooses none of these.
 *
 * <p>Work runs from cheap to expensive, so a hostile bundle costs little: parse; the policy (segment
 * size, global proof-of-work bits, then the security the config gives, computed from the config and
 * the segment count alone); the statement against the program and input; the chain of segment
 * boundaries; the global proof of work; only then the verifying key (an LDE of the preprocessed
 * columns, cached), the RAM fingerprints and the segment proofs. Hostile bytes give a {@link
 * BundleVerdict} naming the failed check, never an exception. Thread-safe.
 */
public final class BundleVerifier {
  private final VerifyingKeys keys;

  /** A verifier with its own verifying-key cache. */
  public BundleVerifier(Workers workers) {
    this(new VerifyingKeys(workers));
  }

  /** A verifier using a shared verifying-key cache (keys it holds were computed by the cache itself). */
  public BundleVerifier(VerifyingKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** Verifies bundle bytes; see {@link #verify(ProgramImage, Bundle, ExpectedInput, VerifyPolicy)}. */
  public BundleVerdict verify(ProgramImage image, byte[] bundleBytes, ExpectedInput input, VerifyPolicy policy) {
    Bundle b;
    try {
      b = Bundle.decode(bundleBytes);
    } catch (MalformedProofException e) {
      return BundleVerdict.reject(BundleError.MALFORMED, e.getMessage());
    }
    return verify(image, b, input, policy);
  }

  /**
   * Verifies a parsed bundle.
   *
   * @param image the program the verifier means (its RAM size included)
   * @param input the input the verifier means: {@link ExpectedInput#of(byte[])} or {@link ExpectedInput#privateInput()}
   * @param policy the configs the verifier accepts ({@link VerifyPolicy#DEFAULT} unless it has reasons)
   */
  public BundleVerdict verify(ProgramImage image, Bundle b, ExpectedInput input, VerifyPolicy policy) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(policy, "policy");
    VmConfig config = b.config();
    Statement st = b.statement();
    List<SegPublic> segs = b.segPublics();
    var shapeLimit = policy.checkShape(config);
    if (shapeLimit.isPresent()) {
      return shapeLimit.get();
    }
    if (config.logM() != image.logMemoryWords()) {
      return BundleVerdict.reject(BundleError.MEMORY_SIZE_MISMATCH, "bundle RAM M=2^" + config.logM()
          + ", program RAM M=2^" + image.logMemoryWords());
    }
    try {
      image.checkFits(config.rows());
    } catch (MalformedImageException e) {
      return BundleVerdict.reject(BundleError.PROGRAM_DOES_NOT_FIT, e.getMessage());
    }
    if (st.inputMode() != input.mode()) {
      return BundleVerdict.reject(BundleError.INPUT_MODE_MISMATCH, "bundle inputMode=" + st.inputMode()
          + ", verifier expects " + input.mode());
    }
    VmAir air = VmAir.of(image, st.inputMode());
    ProofShape shape;
    try {
      shape = ProofShape.of(air.constraints(), config.logN(), config.proofOptions());
    } catch (IllegalArgumentException e) {
      return BundleVerdict.reject(BundleError.UNSUPPORTED_CONFIG, e.getMessage());
    }
    SecurityLevel level = SecurityEstimate.of(shape, air.constraints(),
        VmAir.globalRound(config.rows(), image.memoryWords(), segs.size(), config.grindBits()));
    List<AirSecurity> airs = new java.util.ArrayList<>(List.of(new AirSecurity(air.constraints().digest(), air.name(), level)));
    String shortfall = policy.shortfall(level);
    if (shortfall != null) {
      return BundleVerdict.reject(BundleError.INSECURE_CONFIG, shortfall).with(airs);
    }
    BundleVerdict parts = checkPrecompileParts(air, b);
    if (parts != null) {
      return parts.with(airs);
    }
    if (!b.instances().isEmpty()) {
      int logRows = b.instances().stream().mapToInt(i -> i.commitment().logRows()).max().orElseThrow();
      dev.zisk4j.engine.precompile.PoseidonAir pos = new dev.zisk4j.engine.precompile.PoseidonAir();
      SecurityLevel posLevel = SecurityEstimate.of(ProofShape.of(pos.constraints(), logRows, config.proofOptions()),
          pos.constraints(), VmAir.globalRound(config.rows(), image.memoryWords(), segs.size(), config.grindBits()));
      airs.add(new AirSecurity(pos.constraints().digest(), pos.name(), posLevel));
      String posShort = policy.shortfall(posLevel);
      if (posShort != null) {
        return BundleVerdict.reject(BundleError.INSECURE_CONFIG, "Poseidon instances: " + posShort).with(airs);
      }
    }
    BundleVerdict v = verifyStatement(image, b, air, input);
    return v.with(List.copyOf(airs));
  }

  /**
   * PRECOMPILES.md §7, the structural part: POS_SUM exactly for a POSEIDON program, instances only for one,
   * in index order, each no larger than the segments.
   */
  private static BundleVerdict checkPrecompileParts(VmAir air, Bundle b) {
    boolean pos = air.usesPoseidon();
    for (SegmentProof p : b.proofs()) {
      if ((p.posSum() != null) != pos) {
        return BundleVerdict.reject(BundleError.PRECOMPILE_MISMATCH, pos
            ? "the program uses POSEIDON but segment " + p.segIdx() + " has no Poseidon bus sum"
            : "the program has no POSEIDON but segment " + p.segIdx() + " carries a Poseidon bus sum");
      }
    }
    if (!pos && !b.instances().isEmpty()) {
      return BundleVerdict.reject(BundleError.PRECOMPILE_MISMATCH, "the program has no POSEIDON but the bundle holds "
          + b.instances().size() + " instance(s)");
    }
    for (int i = 0; i < b.instances().size(); i++) {
      InstanceCommitment c = b.instances().get(i).commitment();
      if (c.index() != i) {
        return BundleVerdict.reject(BundleError.INSTANCE_INDEX_MISMATCH, "position=" + i + ", index=" + c.index());
      }
      if (c.logRows() > b.config().logN()) {
        return BundleVerdict.reject(BundleError.INSTANCE_SHAPE, "instance " + i + " has 2^" + c.logRows()
            + " rows, segments 2^" + b.config().logN());
      }
    }
    return null;
  }

  /** The instance commitments the global transcript binds, or null for a program without POSEIDON. */
  private static List<InstanceCommitment> instanceCommitments(VmAir air, Bundle b) {
    return air.usesPoseidon() ? b.instances().stream().map(InstanceProof::commitment).toList() : null;
  }

  /** Everything after the policy: statement, chain, global PoW, key, fingerprints, segment proofs. */
  private BundleVerdict verifyStatement(ProgramImage image, Bundle b, VmAir air, ExpectedInput input) {
    VmConfig config = b.config();
    Statement st = b.statement();
    List<SegPublic> segs = b.segPublics();
    if (!Arrays.equals(st.imageId(), image.imageId())) {
      return BundleVerdict.reject(BundleError.IMAGE_ID_MISMATCH, "the bundle proves a different program");
    }
    InputView view = input instanceof ExpectedInput.Public p ? p.view() : null;
    if (view != null && !view.matches(st.inputDigest(), st.inputWords())) {
      return BundleVerdict.reject(BundleError.INPUT_MISMATCH, view.mismatch(st.inputDigest(), st.inputWords()));
    }
    byte[] airDigest = air.constraints().digest();
    List<InstanceCommitment> inst = instanceCommitments(air, b);
    if (!GlobalTranscript.checkNonce(config, st, airDigest, segs, inst, b.globalNonce())) {
      return BundleVerdict.reject(BundleError.GLOBAL_POW_INVALID, "globalNonce=" + Long.toUnsignedString(b.globalNonce()));
    }
    BundleVerdict chain = checkStructure(image, b);
    if (chain != null) {
      return chain;
    }
    VerifyingKey vk = keys.of(image, config, st.inputMode());
    if (!Arrays.equals(st.vkRoot(), vk.preRoot())) {
      return BundleVerdict.reject(BundleError.VK_ROOT_MISMATCH, "vkRoot differs from the program's preprocessed root");
    }
    GlobalChallenges g = GlobalTranscript.challenges(config, st, airDigest, segs, inst, b.globalNonce());
    // the bus first: a dropped, duplicated or foreign instance moves every challenge, and this names it
    if (inst != null) {
      Ext balance = g.field().zero();
      for (SegmentProof p : b.proofs()) {
        balance = balance.add(p.posSum());
      }
      for (InstanceProof p : b.instances()) {
        balance = balance.add(p.posSum());
      }
      if (!balance.isZero()) {
        return BundleVerdict.reject(BundleError.BUS_UNBALANCED, "sum of POS_SUM over " + segs.size() + " segment(s) and "
            + b.instances().size() + " instance(s) is not zero");
      }
    }
    BundleVerdict memory = checkFingerprints(image, b, g);
    if (memory != null) {
      return memory;
    }
    Challenges ch = g.asChallenges();
    long[] outputs = st.outputs();
    StarkVerifier stark = new StarkVerifier(0); // the policy has judged the options already
    for (int s = 0; s < segs.size(); s++) {
      BundleVerdict r = checkSegmentProof(stark, vk, air, g, ch, outputs, view, s, segs.get(s), b.proofs().get(s));
      if (r != null) {
        return r;
      }
    }
    for (InstanceProof p : b.instances()) {
      InstanceCommitment c = p.commitment();
      VerifyingKey ivk = keys.poseidon(c.logRows(), config.proofOptions());
      PublicValues pub = new PublicValues(new long[0], g.field().flatten(p.posSum()));
      VerificationResult r = stark.verifyPhase2(ivk, p.stark(), c.mainRoot(), g.poseidonBus(), pub,
          PoseidonInstanceProver.transcript(g.seed(), c.index()));
      if (!r.accepted()) {
        return BundleVerdict.reject(BundleError.INSTANCE_REJECTED, "instance " + c.index() + ": " + r);
      }
    }
    return BundleVerdict.accept(outputs, List.of());
  }

  static long[] basePublics(SegPublic p) {
    return VmAir.basePublics(p.pcStart(), p.regsStart(), p.pcEnd(), p.regsEnd(), p.inLen(), p.outLen());
  }

  /** §5.3 steps 2–5 without the challenges: segment indices and configs, start, chaining, HALT, output count. */
  private static BundleVerdict checkStructure(ProgramImage image, Bundle b) {
    List<SegPublic> segs = b.segPublics();
    for (int s = 0; s < segs.size(); s++) {
      BundleVerdict r = checkSegmentShape(b.config(), s, segs.get(s), b.proofs().get(s));
      if (r != null) {
        return r;
      }
    }
    SegPublic first = segs.get(0);
    boolean zeroRegs = true;
    for (int i = 1; i < 8; i++) {
      zeroRegs &= first.regStart(i) == 0;
    }
    if (first.pcStart() != 0 || !zeroRegs || first.inStart() != 0 || first.outStart() != 0) {
      return BundleVerdict.reject(BundleError.BAD_START, "first segment must start at pc=0, registers 0, tapes at 0");
    }
    for (int s = 0; s + 1 < segs.size(); s++) {
      SegPublic a = segs.get(s);
      SegPublic n = segs.get(s + 1);
      boolean same = a.pcEnd() == n.pcStart();
      for (int i = 1; i < 8; i++) {
        same &= a.regEnd(i) == n.regStart(i);
      }
      if (!same) {
        return BundleVerdict.reject(BundleError.CHAIN_STATE_MISMATCH, "between segments " + s + " and " + (s + 1));
      }
      if (a.inStart() + a.inLen() != n.inStart() || a.outStart() + a.outLen() != n.outStart()) {
        return BundleVerdict.reject(BundleError.CHAIN_TAPE_MISMATCH, "between segments " + s + " and " + (s + 1));
      }
    }
    SegPublic last = segs.get(segs.size() - 1);
    List<Instruction> code = image.code();
    if (Long.compareUnsigned(last.pcEnd(), code.size()) >= 0 || code.get((int) last.pcEnd()).op() != Opcode.HALT) {
      return BundleVerdict.reject(BundleError.NOT_HALTED, "final pc=" + Long.toUnsignedString(last.pcEnd()));
    }
    long total = last.outStart() + last.outLen();
    if (total != b.statement().outputs().length) {
      return BundleVerdict.reject(BundleError.OUTPUT_COUNT_MISMATCH, "segments write " + total + ", bundle claims "
          + b.statement().outputs().length);
    }
    return null;
  }

  /** The challenge-dependent checks: MEM_OUT(s) = MEM_IN(s+1), and MEM_IN(0) is the program's initial RAM. */
  private static BundleVerdict checkFingerprints(ProgramImage image, Bundle b, GlobalChallenges g) {
    for (int s = 0; s + 1 < b.proofs().size(); s++) {
      if (!b.proofs().get(s).memOut().equals(b.proofs().get(s + 1).memIn())) {
        return BundleVerdict.reject(BundleError.CHAIN_MEMORY_MISMATCH, "between segments " + s + " and " + (s + 1));
      }
    }
    return checkInitialMemory(image, b.proofs().get(0), g);
  }

  /** MEM_IN of segment 0 is the fingerprint of the program's initial RAM. */
  private static BundleVerdict checkInitialMemory(ProgramImage image, SegmentProof first, GlobalChallenges g) {
    Ext expectedMemIn;
    try {
      expectedMemIn = initialFingerprint(image, g);
    } catch (ArithmeticException e) {
      // αio − a − β·init[a] = 0 for some a: the challenges are degenerate (probability ≤ M/|F|)
      return BundleVerdict.reject(BundleError.INITIAL_MEMORY_MISMATCH, "degenerate challenges: " + e.getMessage());
    }
    if (!first.memIn().equals(expectedMemIn)) {
      return BundleVerdict.reject(BundleError.INITIAL_MEMORY_MISMATCH, "MEM_IN of segment 0");
    }
    return null;
  }

  /** §5.3 step 2 for one segment: its proof's config and index, and tape lengths within its rows. */
  private static BundleVerdict checkSegmentShape(VmConfig config, int s, SegPublic p, SegmentProof proof) {
    if (!proof.config().equals(config)) {
      return BundleVerdict.reject(BundleError.SEGMENT_CONFIG_MISMATCH, "segment " + s);
    }
    if (proof.segIdx() != s) {
      return BundleVerdict.reject(BundleError.SEGMENT_INDEX_MISMATCH, "position=" + s + ", segIdx=" + proof.segIdx());
    }
    if (p.inLen() >= config.rows() || p.outLen() >= config.rows()) {
      return BundleVerdict.reject(BundleError.CHAIN_TAPE_MISMATCH, "segment " + s + " tape length exceeds its rows");
    }
    return null;
  }

  /** §5.3 step 7 for one segment: its STARK against its boundary, tapes, fingerprints and the challenges. */
  private static BundleVerdict checkSegmentProof(StarkVerifier stark, VerifyingKey vk, VmAir air, GlobalChallenges g,
      Challenges ch, long[] outputs, InputView view, int s, SegPublic p, SegmentProof proof) {
    long[] in = view == null ? null : view.slice(p.inStart(), p.inLen());
    long[] out = Arrays.copyOfRange(outputs, (int) p.outStart(), (int) (p.outStart() + p.outLen()));
    VmAir bound = air.bind(in, out, proof.memIn(), proof.memOut(), proof.posSum());
    long[] base = basePublics(p);
    PublicValues pub = new PublicValues(base, bound.extPublics(base, ch));
    VerificationResult r = stark.verifyPhase2(vk, proof.stark(), p.mainRoot(), ch, pub,
        SegmentTranscript.open(g.seed(), s));
    return r.accepted() ? null : BundleVerdict.reject(BundleError.SEGMENT_REJECTED, "segment " + s + ": " + r);
  }

  /**
   * Verifies one segment's proof on its own, as it arrives from a distributed worker, with the checks
   * {@link #verify} applies to that segment of a bundle (the same code): the proof's config and index,
   * tape lengths, MEM_IN of segment 0 against the program's initial RAM, and the STARK against the
   * committed boundary {@code p} (its main_root included), the input and output slices it names, and
   * the global challenges. What needs every segment (the chain of boundaries, MEM_OUT(s) = MEM_IN(s+1),
   * the global proof of work, the policy) is left to {@link #verify} on the aggregated bundle.
   *
   * <p>Use: a coordinator that has accepted commitment {@code p} for segment {@code s} and drawn
   * {@code g} checks each returned proof before it counts, so a bad proof is retried on another worker
   * instead of failing the aggregated bundle.
   *
   * @param st the statement the bundle will carry (program, vkRoot, input mode, all outputs)
   * @param input the input the statement is about (its slice for this segment is read); its mode must be st's
   * @return accepted (outputs empty), or the failed check; hostile proofs give a rejection, never an exception
   * @throws IllegalArgumentException if {@code input}'s mode differs from the statement's (a caller bug)
   */
  public BundleVerdict verifySegment(ProgramImage image, Statement st, VmConfig config, GlobalChallenges g, int s,
      SegPublic p, SegmentProof proof, ExpectedInput input) {
    Objects.requireNonNull(proof, "proof");
    if (input.mode() != st.inputMode()) {
      throw new IllegalArgumentException("input mode " + input.mode() + " differs from the statement's "
          + st.inputMode());
    }
    BundleVerdict shape = checkSegmentShape(config, s, p, proof);
    if (shape != null) {
      return shape;
    }
    long[] outputs = st.outputs();
    if (p.outStart() < 0 || p.outStart() + p.outLen() > outputs.length) {
      return BundleVerdict.reject(BundleError.OUTPUT_COUNT_MISMATCH, "segment " + s + " writes outputs ["
          + p.outStart() + ", " + (p.outStart() + p.outLen()) + "), the statement has " + outputs.length);
    }
    if (s == 0) {
      BundleVerdict memory = checkInitialMemory(image, proof, g);
      if (memory != null) {
        return memory;
      }
    }
    VmAir air = VmAir.of(image, st.inputMode());
    if ((proof.posSum() != null) != air.usesPoseidon()) {
      return BundleVerdict.reject(BundleError.PRECOMPILE_MISMATCH, "segment " + s + (air.usesPoseidon()
          ? " has no Poseidon bus sum, the program uses POSEIDON" : " carries a Poseidon bus sum, the program has no POSEIDON"));
    }
    VerifyingKey vk = keys.of(image, config, st.inputMode());
    InputView view = input instanceof ExpectedInput.Public pub ? pub.view() : null;
    BundleVerdict r = checkSegmentProof(new StarkVerifier(0), vk, air, g, g.asChallenges(), outputs, view, s, p, proof);
    return r != null ? r : BundleVerdict.accept(new long[0], List.of());
  }

  /** Σ_{a<M} 1/(αio − a − β·init[a]) over the program's RAM. */
  static Ext initialFingerprint(ProgramImage image, GlobalChallenges g) {
    int memoryWords = image.memoryWords();
    long[] init = new long[memoryWords];
    for (DataWord dw : image.data()) {
      init[(int) dw.address()] = dw.value();
    }
    ExtField f = g.field();
    Ext aio = g.challenges().get(VmChallenges.ALPHA_IO);
    Ext beta = g.challenges().get(VmChallenges.BETA);
    long[][] den = new long[f.degree()][memoryWords];
    for (int a = 0; a < memoryWords; a++) {
      Ext d = aio.sub(f.of(a)).sub(beta.mul(init[a]));
      for (int k = 0; k < f.degree(); k++) {
        den[k][a] = d.component(k);
      }
    }
    f.invertInPlace(den, 0, memoryWords);
    Ext sum = f.zero();
    for (int a = 0; a < memoryWords; a++) {
      sum = sum.add(f.at(den, 0, a));
    }
    return sum;
  }
}

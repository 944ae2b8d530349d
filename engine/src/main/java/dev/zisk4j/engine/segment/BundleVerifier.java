package dev.zisk4j.engine.segment;

import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.stark.StarkVerifier;
import dev.zisk4j.engine.stark.VerificationResult;
import dev.zisk4j.engine.stark.VerifyingKey;
import dev.zisk4j.engine.vm.DataWord;
import dev.zisk4j.engine.vm.Instruction;
import dev.zisk4j.engine.vm.MalformedImageException;
import dev.zisk4j.engine.vm.Opcode;
import dev.zisk4j.engine.vm.ProgramImage;
import dev.zisk4j.engine.vmair.InputMode;
import dev.zisk4j.engine.vmair.VmAir;
import dev.zisk4j.engine.vmair.VmChallenges;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;

/**
 * Verifies a {@link Bundle} against a program and (public mode) the input bytes, per engine.md §5.3.
 * Hostile bytes give a {@link BundleVerdict} naming the failed check, never an exception. The
 * verifier, not the proof, decides the minimum security (default 100 bits). Thread-safe.
 */
public final class BundleVerifier {
  private final int minSecurityBits;
  private final Workers workers;
  /** Verifying keys by program, config and mode: recomputing one costs an LDE of the program columns. */
  private final Map<KeyId, VerifyingKey> keys = new ConcurrentHashMap<>();

  private record KeyId(String imageId, VmConfig config, InputMode mode) {}

  public BundleVerifier(Workers workers) {
    this(StarkVerifier.DEFAULT_MIN_SECURITY_BITS, workers);
  }

  public BundleVerifier(int minSecurityBits, Workers workers) {
    this.minSecurityBits = minSecurityBits;
    this.workers = workers;
  }

  /**
   * Seeds the key cache with a verifying key the caller computed itself (the prover's own key for its
   * self-check), so it is not recomputed.
   */
  public void trustKey(ProgramImage image, VmConfig config, InputMode mode, VerifyingKey vk) {
    keys.put(new KeyId(HexFormat.of().formatHex(image.imageId()), config, mode), vk);
  }

  /**
   * @param input the input bytes in public mode; null to verify a private-input bundle
   */
  public BundleVerdict verify(ProgramImage image, byte[] bundleBytes, byte[] input) {
    Bundle b;
    try {
      b = Bundle.decode(bundleBytes);
    } catch (MalformedProofException e) {
      return BundleVerdict.reject(BundleError.MALFORMED, e.getMessage());
    }
    return verify(image, b, input);
  }

  /** Verifies a parsed bundle (see {@link #verify(ProgramImage, byte[], byte[])}). */
  public BundleVerdict verify(ProgramImage image, Bundle b, byte[] input) {
    return verify(image, b, input == null ? null : InputView.ofBytes(input));
  }

  /** Verifies a parsed bundle against a view of the public input (null for a private-input bundle). */
  public BundleVerdict verify(ProgramImage image, Bundle b, InputView input) {
    VmConfig config = b.config();
    Statement st = b.statement();
    int bits = config.proofOptions().securityBits(config.logN());
    if (bits < minSecurityBits) {
      return BundleVerdict.reject(BundleError.INSECURE_CONFIG, "securityBits=" + bits + ", minimum=" + minSecurityBits);
    }
    try {
      image.checkFits(config.rows(), config.memoryWords());
    } catch (MalformedImageException e) {
      return BundleVerdict.reject(BundleError.PROGRAM_DOES_NOT_FIT, e.getMessage());
    }
    if (!Arrays.equals(st.imageId(), image.imageId())) {
      return BundleVerdict.reject(BundleError.IMAGE_ID_MISMATCH, "the bundle proves a different program");
    }
    VmAir air = VmAir.of(image, config.memoryWords(), st.inputMode());
    VerifyingKey vk = keys.computeIfAbsent(new KeyId(HexFormat.of().formatHex(st.imageId()), config, st.inputMode()),
        id -> VerifyingKey.of(air, config.logN(), config.proofOptions(), workers));
    if (!Arrays.equals(st.vkRoot(), vk.preRoot())) {
      return BundleVerdict.reject(BundleError.VK_ROOT_MISMATCH, "vkRoot differs from the program's preprocessed root");
    }
    InputMode expectedMode = input == null ? InputMode.PRIVATE : InputMode.PUBLIC;
    if (st.inputMode() != expectedMode) {
      return BundleVerdict.reject(BundleError.INPUT_MODE_MISMATCH, "bundle inputMode=" + st.inputMode()
          + ", verifier " + (input == null ? "has no input" : "holds the input"));
    }
    if (input != null && !input.matches(st.inputDigest(), st.inputWords())) {
      return BundleVerdict.reject(BundleError.INPUT_MISMATCH, input.mismatch(st.inputDigest(), st.inputWords()));
    }
    List<SegPublic> segs = b.segPublics();
    if (!GlobalTranscript.checkNonce(config, st, segs, b.globalNonce())) {
      return BundleVerdict.reject(BundleError.GLOBAL_POW_INVALID, "globalNonce=" + Long.toUnsignedString(b.globalNonce()));
    }
    GlobalChallenges g = GlobalTranscript.challenges(config, st, segs, b.globalNonce());
    BundleVerdict chain = checkChain(image, b, g);
    if (chain != null) {
      return chain;
    }
    Challenges ch = g.asChallenges();
    long[] outputs = st.outputs();
    StarkVerifier stark = new StarkVerifier(minSecurityBits);
    for (int s = 0; s < segs.size(); s++) {
      SegPublic p = segs.get(s);
      SegmentProof proof = b.proofs().get(s);
      long[] in = input == null ? null : input.slice(p.inStart(), p.inLen());
      long[] out = Arrays.copyOfRange(outputs, (int) p.outStart(), (int) (p.outStart() + p.outLen()));
      VmAir bound = air.bind(in, out, proof.memIn(), proof.memOut());
      long[] base = basePublics(p);
      PublicValues pub = new PublicValues(base, bound.extPublics(base, ch));
      VerificationResult r = stark.verifyPhase2(vk, proof.stark(), p.mainRoot(), ch, pub,
          SegmentTranscript.open(g.seed(), s));
      if (!r.accepted()) {
        return BundleVerdict.reject(BundleError.SEGMENT_REJECTED, "segment " + s + ": " + r);
      }
    }
    return BundleVerdict.accept(outputs);
  }

  static long[] basePublics(SegPublic p) {
    return VmAir.basePublics(p.pcStart(), p.regsStart(), p.pcEnd(), p.regsEnd(), p.inLen(), p.outLen());
  }

  /** §5.3 steps 2–5: segment indices and configs, start, chaining, initial RAM, HALT, output count. */
  private BundleVerdict checkChain(ProgramImage image, Bundle b, GlobalChallenges g) {
    List<SegPublic> segs = b.segPublics();
    long rows = b.config().rows();
    for (int s = 0; s < segs.size(); s++) {
      SegmentProof proof = b.proofs().get(s);
      if (!proof.config().equals(b.config())) {
        return BundleVerdict.reject(BundleError.SEGMENT_CONFIG_MISMATCH, "segment " + s);
      }
      if (proof.segIdx() != s) {
        return BundleVerdict.reject(BundleError.SEGMENT_INDEX_MISMATCH, "position=" + s + ", segIdx=" + proof.segIdx());
      }
      SegPublic p = segs.get(s);
      if (p.inLen() >= rows || p.outLen() >= rows) {
        return BundleVerdict.reject(BundleError.CHAIN_TAPE_MISMATCH, "segment " + s + " tape length exceeds its rows");
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
    // the fingerprint checks come last: they depend on the challenges, the checks above do not
    for (int s = 0; s + 1 < segs.size(); s++) {
      if (!b.proofs().get(s).memOut().equals(b.proofs().get(s + 1).memIn())) {
        return BundleVerdict.reject(BundleError.CHAIN_MEMORY_MISMATCH, "between segments " + s + " and " + (s + 1));
      }
    }
    Ext2 expectedMemIn = initialFingerprint(image, b.config().memoryWords(), g);
    if (!b.proofs().get(0).memIn().equals(expectedMemIn)) {
      return BundleVerdict.reject(BundleError.INITIAL_MEMORY_MISMATCH, "MEM_IN of segment 0");
    }
    return null;
  }

  /** Σ_{a<M} 1/(αio − a − β·init[a]). */
  static Ext2 initialFingerprint(ProgramImage image, int memoryWords, GlobalChallenges g) {
    long[] init = new long[memoryWords];
    for (DataWord dw : image.data()) {
      init[(int) dw.address()] = dw.value();
    }
    Ext2 aio = g.challenges().get(VmChallenges.ALPHA_IO);
    Ext2 beta = g.challenges().get(VmChallenges.BETA);
    long[] d0 = new long[memoryWords];
    long[] d1 = new long[memoryWords];
    for (int a = 0; a < memoryWords; a++) {
      Ext2 d = aio.sub(Ext2.of(a)).sub(beta.mul(init[a]));
      d0[a] = d.c0();
      d1[a] = d.c1();
    }
    dev.zisk4j.engine.field.ExtBatchInverse.invertInPlace(d0, d1, memoryWords);
    Ext2 sum = Ext2.ZERO;
    for (int a = 0; a < memoryWords; a++) {
      sum = sum.add(new Ext2(d0[a], d1[a]));
    }
    return sum;
  }
}

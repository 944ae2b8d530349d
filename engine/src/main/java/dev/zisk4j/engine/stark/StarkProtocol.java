package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The transcript steps that prover and verifier must perform identically (design §4.1, generalised to any
 * AIR). Single-call proofs:
 * <pre>
 *   t = Transcript(LABEL_STARK); absorb CONFIG(config+shape bytes), AIR_DIGEST(constraint-system digest), PUBLIC_BASE(felts)
 *   [absorb PRE_ROOT]; absorb MAIN_ROOT; squeeze one ext challenge per declared challenge
 * </pre>
 * then phase 2 (also the entry point when challenges come from outside, e.g. the VM's global transcript):
 * <pre>
 *   absorb PUBLIC_EXT; [absorb AUX_ROOT]; λ; absorb COMP_ROOT; z (resampled until z ∉ F_p);
 *   absorb OOD_VALUES(cur ‖ next ‖ quotient); δ; FRI: per layer absorb FRI_ROOT, ζ_ℓ; absorb FRI_REMAINDER;
 *   PoW nonce (grindingBits), absorb POW_NONCE; query indices (numQueries draws of log2(LDE) bits, deduplicated, sorted)
 * </pre>
 */
public final class StarkProtocol {
    private StarkProtocol() {}

    /** Starts a single-call transcript: config, AIR digest and base public values. */
    public static Transcript open(Air air, ProofShape shape, long[] basePublics) {
        Transcript t = Transcript.create(Transcript.LABEL_STARK);
        t.absorb(TranscriptTag.CONFIG, StarkProofFormat.configBytes(shape));
        t.absorb(TranscriptTag.AIR_DIGEST, air.constraints().digest());
        t.absorbLongs(TranscriptTag.PUBLIC_BASE, basePublics);
        return t;
    }

    /** Binds the preprocessed (if any) and main roots, then draws the AIR's challenges. */
    public static Challenges bindMainAndDraw(Transcript t, ProofShape shape, byte[] preRoot, byte[] mainRoot,
            int challengeCount) {
        if (shape.nPre() > 0) {
            t.absorb(TranscriptTag.PRE_ROOT, preRoot);
        }
        t.absorb(TranscriptTag.MAIN_ROOT, mainRoot);
        ExtField f = shape.options().extension();
        List<Ext> ch = new ArrayList<>();
        for (int i = 0; i < challengeCount; i++) {
            ch.add(t.squeezeExt(f));
        }
        return Challenges.of(f, ch);
    }

    /** The out-of-domain point: an ext element outside F_p (so it avoids every trace and LDE point). */
    static Ext drawOodPoint(Transcript t, ExtField f) {
        while (true) {
            Ext z = t.squeezeExt(f);
            if (!z.isBase()) {
                return z;
            }
        }
    }

    static int[] drawQueries(Transcript t, int count, int logLde) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            set.add(t.squeezeIndex(logLde));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] out = new long[n];
        int o = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Flat column indices (pre, then main, then aux) of the next-row openings, in proof order. */
    static int[] concatIndices(ProofShape s) {
        int[] out = new int[s.nextCount()];
        int e = 0;
        for (int j : s.preNext()) {
            out[e++] = j;
        }
        for (int j : s.mainNext()) {
            out[e++] = s.nPre() + j;
        }
        for (int j : s.auxNext()) {
            out[e++] = s.nPre() + s.nMain() + j;
        }
        return out;
    }

    /** δ^0..δ^(n−1) as interleaved d-tuples. */
    static long[] powers(Ext base, int n) {
        ExtField f = base.field();
        long[] out = new long[f.degree() * n];
        Ext p = f.one();
        for (int i = 0; i < n; i++) {
            f.write(p, out, f.degree() * i);
            p = p.mul(base);
        }
        return out;
    }

    /** The LDE point of index i: g·ω_{2^logLde}^i. */
    static long ldePoint(int logLde, int i) {
        return Goldilocks.mul(dev.zisk4j.engine.poly.Lde.SHIFT, Goldilocks.pow(Goldilocks.rootOfUnity(logLde), i));
    }
}

package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.CellValues;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.Constraint;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.PointEvaluator;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.fri.FriVerifier;
import dev.zisk4j.engine.hash.Sha256;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.Arrays;
import java.util.List;

/**
 * The generic STARK verifier (design §4.4). Returns a {@link VerificationResult} naming the first failed
 * check; hostile proof bytes never raise an exception. The verifier decides the minimum conjectured security
 * it accepts: options below it are rejected with {@link VerifyError#INSECURE_OPTIONS} before any work.
 * Stateless and thread-safe.
 */
public final class StarkVerifier {
    /** Default minimum conjectured security in bits. */
    public static final int DEFAULT_MIN_SECURITY_BITS = 100;
    private final int minSecurityBits;

    public StarkVerifier() {
        this(DEFAULT_MIN_SECURITY_BITS);
    }

    public StarkVerifier(int minSecurityBits) {
        this.minSecurityBits = minSecurityBits;
    }

    /**
     * Verifies a single-call proof of {@code vk.air()} with these base public values.
     *
     * @throws IllegalArgumentException if the base public-value count does not match the AIR (a caller bug)
     */
    public VerificationResult verify(VerifyingKey vk, byte[] proofBytes, long[] basePublics) {
        Air air = vk.air();
        if (basePublics.length != air.constraints().publicBaseNames().size()) {
            throw new IllegalArgumentException("public value count mismatch: expected="
                    + air.constraints().publicBaseNames().size() + ", actual=" + basePublics.length);
        }
        VerificationResult pre = precheck(vk);
        if (pre != null) {
            return pre;
        }
        StarkProof p;
        try {
            p = StarkProofFormat.decode(proofBytes, vk.shape());
        } catch (MalformedProofException e) {
            return VerificationResult.reject(e.reason(), e.getMessage());
        }
        for (long v : basePublics) {
            if (!Goldilocks.isCanonical(v)) {
                throw new IllegalArgumentException("non-canonical public value: value=" + Long.toUnsignedString(v));
            }
        }
        Transcript t = StarkProtocol.open(air, vk.shape(), basePublics);
        Challenges ch = StarkProtocol.bindMainAndDraw(t, vk.shape(), vk.preRoot(), p.mainRoot(),
                air.constraints().challengeNames().size());
        PublicValues pub = new PublicValues(basePublics, air.extPublics(basePublics, ch));
        return verifyPhase2(vk, p, p.mainRoot(), ch, pub, t);
    }

    /**
     * Verifies proof bytes whose challenges come from the caller's transcript (two-phase proving). The caller
     * must have bound {@code expectedMainRoot} into {@code t} before drawing {@code ch}.
     */
    public VerificationResult verifyPhase2(VerifyingKey vk, byte[] proofBytes, byte[] expectedMainRoot,
            Challenges ch, PublicValues pub, Transcript t) {
        VerificationResult pre = precheck(vk);
        if (pre != null) {
            return pre;
        }
        try {
            return verifyPhase2(vk, StarkProofFormat.decode(proofBytes, vk.shape()), expectedMainRoot, ch, pub, t);
        } catch (MalformedProofException e) {
            return VerificationResult.reject(e.reason(), e.getMessage());
        }
    }

    private VerificationResult precheck(VerifyingKey vk) {
        int bits = vk.shape().options().conjecturedBits(vk.shape().logN());
        if (bits < minSecurityBits) {
            return VerificationResult.reject(VerifyError.INSECURE_OPTIONS, "conjecturedBits=" + bits + ", minimum="
                    + minSecurityBits);
        }
        return null;
    }

    VerificationResult verifyPhase2(VerifyingKey vk, StarkProof p, byte[] expectedMainRoot, Challenges ch,
            PublicValues pub, Transcript t) {
        ProofShape s = vk.shape();
        ConstraintSystem cs = vk.air().constraints();
        cs.checkBindings(ch, pub);
        if (!Arrays.equals(p.mainRoot(), expectedMainRoot)) {
            return VerificationResult.reject(VerifyError.MAIN_ROOT_MISMATCH, "proof main root differs from the bound one");
        }
        int logN = s.logN();
        ProofOptions o = s.options();
        ExtField f = o.extension();
        int d = f.degree();
        if (ch.field() != f) {
            throw new IllegalArgumentException("challenges are not in the options' field: challengeDegree="
                    + ch.field().degree() + ", optionsDegree=" + d);
        }

        t.absorbLongs(TranscriptTag.PUBLIC_EXT, pub.ext());
        if (s.nAux() > 0) {
            t.absorb(TranscriptTag.AUX_ROOT, p.auxRoot());
        }
        Ext lambda = t.squeezeExt(f);
        t.absorb(TranscriptTag.COMP_ROOT, p.compRoot());
        Ext z = StarkProtocol.drawOodPoint(t, f);
        Ext zw = z.mul(Goldilocks.rootOfUnity(logN));
        t.absorbLongs(TranscriptTag.OOD_VALUES, StarkProtocol.concat(p.oodCur(), p.oodNext(), p.oodQuotient()));

        VerificationResult ood = checkOod(cs, s, p, ch, pub, lambda, z);
        if (ood != null) {
            return ood;
        }
        Ext delta = t.squeezeExt(f);
        Ext[] zetas = new Ext[s.friLayers()];
        for (int l = 0; l < zetas.length; l++) {
            t.absorb(TranscriptTag.FRI_ROOT, p.friRoots()[l]);
            zetas[l] = t.squeezeExt(f);
        }
        t.absorbLongs(TranscriptTag.FRI_REMAINDER, p.friRemainder());
        if (!t.checkPow(o.grindingBits(), p.powNonce())) {
            return VerificationResult.reject(VerifyError.POW_INVALID, "nonce=" + Long.toUnsignedString(p.powNonce()));
        }
        t.absorbLongs(TranscriptTag.POW_NONCE, p.powNonce());
        int[] queries = StarkProtocol.drawQueries(t, o.numQueries(), s.logLde());
        if (!Arrays.equals(queries, p.queries())) {
            return VerificationResult.reject(VerifyError.QUERY_INDEX_MISMATCH, "listed indices differ from drawn ones");
        }

        int depth = s.logLde();
        if (s.nPre() > 0 && !pathOk(p.pre(), vk.preRoot(), depth, queries)) {
            return VerificationResult.reject(VerifyError.BAD_MERKLE_PATH_PRE, "preprocessed opening");
        }
        if (!pathOk(p.main(), p.mainRoot(), depth, queries)) {
            return VerificationResult.reject(VerifyError.BAD_MERKLE_PATH_MAIN, "main opening");
        }
        if (s.nAux() > 0 && !pathOk(p.aux(), p.auxRoot(), depth, queries)) {
            return VerificationResult.reject(VerifyError.BAD_MERKLE_PATH_AUX, "aux opening");
        }
        if (!pathOk(p.comp(), p.compRoot(), depth, queries)) {
            return VerificationResult.reject(VerifyError.BAD_MERKLE_PATH_COMP, "quotient opening");
        }

        long[] dPow = StarkProtocol.powers(delta, s.curCount() + s.nChunks() + s.nextCount());
        int curTerms = s.curCount() + s.nChunks();
        Ext az = DeepComposer.weighted(StarkProtocol.concat(p.oodCur(), p.oodQuotient()), dPow, 0, f);
        Ext bz = DeepComposer.weighted(p.oodNext(), dPow, curTerms, f);
        long[][] layer0 = new long[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            Ext x = f.of(StarkProtocol.ldePoint(depth, queries[q]));
            Ext[] vals = rowTerms(s, p, q, f);
            Ext a = f.zero();
            for (int e = 0; e < curTerms; e++) {
                a = a.add(f.read(dPow, d * e).mul(vals[e]));
            }
            Ext deep = a.sub(az).mul(x.sub(z).inv());
            if (s.nextCount() > 0) {
                Ext b = f.zero();
                for (int e = 0; e < s.nextCount(); e++) {
                    int k = curTerms + e;
                    b = b.add(f.read(dPow, d * k).mul(vals[k]));
                }
                deep = deep.add(b.sub(bz).mul(x.sub(zw).inv()));
            }
            layer0[q] = f.flatten(deep);
        }
        FriVerifier.Outcome fri = FriVerifier.verify(depth, queries, layer0, p.friRoots(), zetas, p.fri(),
                p.friRemainder(), f);
        return switch (fri) {
            case OK -> VerificationResult.ACCEPTED;
            case BAD_MERKLE_PATH -> VerificationResult.reject(VerifyError.BAD_MERKLE_PATH_FRI, "FRI layer opening");
            case LAYER0_MISMATCH -> VerificationResult.reject(VerifyError.DEEP_MISMATCH, "DEEP value vs FRI layer 0");
            case FOLD_MISMATCH -> VerificationResult.reject(VerifyError.FRI_FOLD_MISMATCH, "FRI fold");
            case REMAINDER_MISMATCH -> VerificationResult.reject(VerifyError.REMAINDER_MISMATCH, "FRI remainder");
        };
    }

    /** Opened values of query q in DEEP term order: cur (pre, main, aux, chunks) then next (pre, main, aux). */
    private static Ext[] rowTerms(ProofShape s, StarkProof p, int q, ExtField f) {
        int d = f.degree();
        Ext[] v = new Ext[s.curCount() + s.nChunks() + s.nextCount()];
        int e = 0;
        long[] pre = p.pre().rows()[q];
        long[] main = p.main().rows()[q];
        long[] aux = p.aux().rows()[q];
        long[] comp = p.comp().rows()[q];
        for (long x : pre) {
            v[e++] = f.of(x);
        }
        for (long x : main) {
            v[e++] = f.of(x);
        }
        for (int j = 0; j < s.nAux(); j++) {
            v[e++] = f.read(aux, d * j);
        }
        for (int k = 0; k < s.nChunks(); k++) {
            v[e++] = f.read(comp, d * k);
        }
        for (int j : s.preNext()) {
            v[e++] = f.of(pre[j]);
        }
        for (int j : s.mainNext()) {
            v[e++] = f.of(main[j]);
        }
        for (int j : s.auxNext()) {
            v[e++] = f.read(aux, d * j);
        }
        return v;
    }

    private static boolean pathOk(TreeOpening o, byte[] root, int depth, int[] queries) {
        Sha256 sha = new Sha256();
        byte[][] hashes = new byte[queries.length][Sha256.DIGEST_BYTES];
        for (int q = 0; q < queries.length; q++) {
            long[] row = o.rows()[q];
            sha.leaf(row, row.length, hashes[q], 0);
        }
        return o.proof().verify(root, depth, queries, hashes);
    }

    private static VerificationResult checkOod(ConstraintSystem cs, ProofShape s, StarkProof p, Challenges ch,
            PublicValues pub, Ext lambda, Ext z) {
        ExtField f = z.field();
        int d = f.degree();
        long[] cur = p.oodCur();
        long[] nxt = p.oodNext();
        int[] nextPos = new int[s.nPre() + s.nMain() + s.nAux()];
        Arrays.fill(nextPos, -1);
        int[] nextCols = StarkProtocol.concatIndices(s);
        for (int e = 0; e < nextCols.length; e++) {
            nextPos[nextCols[e]] = e;
        }
        CellValues cells = (kind, index, next) -> {
            int flat = switch (kind) {
                case PRE -> index;
                case MAIN -> s.nPre() + index;
                case AUX -> s.nPre() + s.nMain() + index;
            };
            if (!next) {
                return f.read(cur, d * flat);
            }
            return f.read(nxt, d * nextPos[flat]);
        };
        Ext[] c = PointEvaluator.evaluate(cs, cells, ch, pub);
        int logN = s.logN();
        Ext zN = z.pow(1L << logN);
        Ext omegaLast = f.of(Goldilocks.inv(Goldilocks.rootOfUnity(logN)));
        Ext zMinusLast = z.sub(omegaLast);
        Ext invT = zMinusLast.mul(zN.sub(f.one()).inv());
        Ext invF = z.sub(f.one()).inv();
        Ext invL = zMinusLast.inv();
        Ext sum = f.zero();
        Ext lp = f.one();
        List<Constraint> list = cs.constraints();
        for (int i = 0; i < c.length; i++) {
            Ext inv = switch (list.get(i).domain()) {
                case TRANSITION -> invT;
                case FIRST -> invF;
                case LAST -> invL;
            };
            sum = sum.add(lp.mul(c[i]).mul(inv));
            lp = lp.mul(lambda);
        }
        Ext q = f.zero();
        Ext zk = f.one();
        long[] qv = p.oodQuotient();
        for (int k = 0; k < s.nChunks(); k++) {
            q = q.add(zk.mul(f.read(qv, d * k)));
            zk = zk.mul(zN);
        }
        if (!sum.equals(q)) {
            return VerificationResult.reject(VerifyError.OOD_MISMATCH, "constraints at z differ from the quotient");
        }
        return null;
    }
}

package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.fri.FriLayerOpening;
import dev.zisk4j.engine.fri.FriQueries;
import dev.zisk4j.engine.hash.Sha256;
import dev.zisk4j.engine.merkle.MultiProof;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one class that knows the bytes of a generic STARK proof. All integers little-endian; felt = u64 &lt; p;
 * ext = d felts (c0, c1[, c2]), d = extDegree; digest = 32 bytes; mp = multi-proof = u16 count ‖ count × digest.
 * <pre>
 *  off  size  field
 *   0    4    magic "JZST"
 *   4    1    version (2)
 *   5    7    config: u8 logN | logBlowup | logFold | numQueries | grindingBits | extDegree (2 or 3) | hashId (1)
 *  12   13    shape:  u16 nPre | u16 nMain | u16 nAux | u8 nChunks | u16 nPreNext | u16 nMainNext | u16 nAuxNext
 *  25         digest mainRoot | digest auxRoot (only if nAux &gt; 0) | digest compRoot
 *             ext oodCur[nPre + nMain + nAux]                 ; columns at z
 *             ext oodNext[nPreNext + nMainNext + nAuxNext]    ; next-row columns at z·ω
 *             ext oodQuotient[nChunks]                         ; Q_k(z)
 *             u8 L | digest friRoot[L] | u16 r | ext remainder[r] | u64 powNonce
 *             u8 q | u32 query[q]                              ; strictly increasing, &lt; 2^(logN+logBlowup)
 *             [nPre &gt; 0]  felt preRow[q][nPre]  | mp
 *                         felt mainRow[q][nMain] | mp
 *             [nAux &gt; 0]  ext auxRow[q][nAux]   | mp
 *                         ext compRow[q][nChunks] | mp
 *             L × ( ext leaf[m_l][4] | mp )   ; m_l = distinct leaf indices the queries reach in layer l
 * </pre>
 * An ext column (aux, quotient chunk) is committed as d base columns, so its opened row holds its d
 * components. The quadratic layout is the one version 2 always had; extDegree 3 is the cubic field.
 * <pre>
 * </pre>
 * The parser is strict: every count must equal what the shape implies (L, r, multi-proof sizes), q ≤
 * numQueries, all felts canonical, no trailing bytes.
 */
public final class StarkProofFormat {
    public static final byte[] MAGIC = {'J', 'Z', 'S', 'T'};
    /** 2: the transcript binds the AIR's constraint-system digest (version 1 bound its name). */
    public static final int VERSION = 2;
    public static final int CONFIG_OFFSET = 5;
    public static final int SHAPE_OFFSET = 12;
    public static final int BODY_OFFSET = 25;
    private static final int D = Sha256.DIGEST_BYTES;

    private StarkProofFormat() {}

    /** The 20 config+shape bytes (offsets 5..25), which the transcript absorbs as CONFIG. */
    public static byte[] configBytes(ProofShape s) {
        ByteBuffer b = ByteBuffer.allocate(BODY_OFFSET - CONFIG_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        ProofOptions o = s.options();
        b.put((byte) s.logN()).put((byte) o.logBlowup()).put((byte) o.logFold()).put((byte) o.numQueries())
                .put((byte) o.grindingBits()).put((byte) o.extensionDegree()).put((byte) Sha256.HASH_ID);
        b.putShort((short) s.nPre()).putShort((short) s.nMain()).putShort((short) s.nAux()).put((byte) s.nChunks())
                .putShort((short) s.preNext().length).putShort((short) s.mainNext().length)
                .putShort((short) s.auxNext().length);
        return b.array();
    }

    public static byte[] encode(StarkProof p) {
        ProofShape s = p.shape();
        Out out = new Out();
        out.bytes(MAGIC);
        out.u8(VERSION);
        out.bytes(configBytes(s));
        out.bytes(p.mainRoot());
        if (s.nAux() > 0) {
            out.bytes(p.auxRoot());
        }
        out.bytes(p.compRoot());
        out.longs(p.oodCur());
        out.longs(p.oodNext());
        out.longs(p.oodQuotient());
        out.u8(p.friRoots().length);
        for (byte[] r : p.friRoots()) {
            out.bytes(r);
        }
        out.u16(p.friRemainder().length / s.options().extensionDegree());
        out.longs(p.friRemainder());
        out.u64(p.powNonce());
        out.u8(p.queries().length);
        for (int q : p.queries()) {
            out.u32(q);
        }
        if (s.nPre() > 0) {
            opening(out, p.pre());
        }
        opening(out, p.main());
        if (s.nAux() > 0) {
            opening(out, p.aux());
        }
        opening(out, p.comp());
        for (FriLayerOpening l : p.fri()) {
            for (long[] leaf : l.leaves()) {
                out.longs(leaf);
            }
            multiProof(out, l.proof());
        }
        return out.toByteArray();
    }

    private static void opening(Out out, TreeOpening o) {
        for (long[] row : o.rows()) {
            out.longs(row);
        }
        multiProof(out, o.proof());
    }

    private static void multiProof(Out out, MultiProof mp) {
        out.u16(mp.siblings().size());
        for (byte[] d : mp.siblings()) {
            out.bytes(d);
        }
    }

    /**
     * Parses proof bytes against the shape the verifier expects.
     *
     * @throws MalformedProofException with reason MALFORMED, UNSUPPORTED_VERSION or SHAPE_MISMATCH
     */
    public static StarkProof decode(byte[] bytes, ProofShape expected) throws MalformedProofException {
        In in = new In(bytes);
        byte[] magic = in.bytes(4);
        if (!Arrays.equals(magic, MAGIC)) {
            throw malformed("bad magic: " + Arrays.toString(magic));
        }
        int version = in.u8();
        if (version != VERSION) {
            throw new MalformedProofException(VerifyError.UNSUPPORTED_VERSION, "version=" + version);
        }
        byte[] config = in.bytes(BODY_OFFSET - CONFIG_OFFSET);
        byte[] want = configBytes(expected);
        if (!Arrays.equals(config, want)) {
            VerifyError reason;
            if ((config[5] != 2 && config[5] != 3) || config[6] != Sha256.HASH_ID) {
                reason = VerifyError.MALFORMED;
            } else if (config[5] != want[5]) {
                reason = VerifyError.OPTIONS_MISMATCH;
            } else if (!Arrays.equals(Arrays.copyOfRange(config, 1, 5), Arrays.copyOfRange(want, 1, 5))) {
                reason = VerifyError.OPTIONS_MISMATCH;
            } else {
                reason = VerifyError.SHAPE_MISMATCH;
            }
            throw new MalformedProofException(reason, "config/shape bytes differ: actual=" + Arrays.toString(config)
                    + ", expected=" + Arrays.toString(want));
        }
        ProofShape s = expected;
        int q0 = s.options().numQueries();
        int d = s.options().extensionDegree();
        byte[] mainRoot = in.bytes(D);
        byte[] auxRoot = s.nAux() > 0 ? in.bytes(D) : new byte[0];
        byte[] compRoot = in.bytes(D);
        long[] oodCur = in.felts(d * s.curCount());
        long[] oodNext = in.felts(d * s.nextCount());
        long[] oodQuot = in.felts(d * s.nChunks());
        int layers = in.u8();
        if (layers != s.friLayers()) {
            throw malformed("FRI layer count: actual=" + layers + ", expected=" + s.friLayers());
        }
        byte[][] friRoots = new byte[layers][];
        for (int l = 0; l < layers; l++) {
            friRoots[l] = in.bytes(D);
        }
        int r = in.u16();
        if (r != s.remainderDegree()) {
            throw malformed("remainder length: actual=" + r + ", expected=" + s.remainderDegree());
        }
        long[] remainder = in.felts(d * r);
        long nonce = in.u64();
        int q = in.u8();
        if (q < 1 || q > q0) {
            throw malformed("query count: actual=" + q + ", max=" + q0);
        }
        int[] queries = new int[q];
        long lde = 1L << s.logLde();
        for (int i = 0; i < q; i++) {
            long v = in.u32();
            if (v >= lde || (i > 0 && v <= queries[i - 1])) {
                throw malformed("query indices must increase below " + lde + ": position=" + i + ", index=" + v);
            }
            queries[i] = (int) v;
        }
        int depth = s.logLde();
        TreeOpening pre = s.nPre() > 0 ? opening(in, q, s.nPre(), queries, depth) : empty(q);
        TreeOpening main = opening(in, q, s.nMain(), queries, depth);
        TreeOpening aux = s.nAux() > 0 ? opening(in, q, d * s.nAux(), queries, depth) : empty(q);
        TreeOpening comp = opening(in, q, d * s.nChunks(), queries, depth);
        List<FriLayerOpening> fri = new ArrayList<>();
        int[] idx = queries;
        int n = 1 << depth;
        for (int l = 0; l < layers; l++) {
            int quarter = n / 4;
            int[] leafIdx = FriQueries.nextLayer(idx, quarter);
            long[][] leaves = new long[leafIdx.length][];
            for (int i = 0; i < leaves.length; i++) {
                leaves[i] = in.felts(4 * d);
            }
            fri.add(new FriLayerOpening(leaves, multiProof(in, leafIdx, Integer.numberOfTrailingZeros(quarter))));
            idx = leafIdx;
            n = quarter;
        }
        if (in.remaining() != 0) {
            throw malformed("trailing bytes: count=" + in.remaining());
        }
        return new StarkProof(s, mainRoot, auxRoot, compRoot, oodCur, oodNext, oodQuot, friRoots, remainder, nonce,
                queries, pre, main, aux, comp, fri);
    }

    private static TreeOpening empty(int q) {
        return new TreeOpening(new long[q][0], new MultiProof(List.of()));
    }

    private static TreeOpening opening(In in, int q, int width, int[] queries, int depth) throws MalformedProofException {
        long[][] rows = new long[q][];
        for (int i = 0; i < q; i++) {
            rows[i] = in.felts(width);
        }
        return new TreeOpening(rows, multiProof(in, queries, depth));
    }

    private static MultiProof multiProof(In in, int[] idx, int depth) throws MalformedProofException {
        int count = in.u16();
        int expected = MultiProof.expectedSize(idx, depth);
        if (count != expected) {
            throw malformed("multi-proof size: actual=" + count + ", expected=" + expected);
        }
        List<byte[]> sib = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sib.add(in.bytes(D));
        }
        return new MultiProof(sib);
    }

    private static MalformedProofException malformed(String msg) {
        return new MalformedProofException(VerifyError.MALFORMED, msg);
    }

    /** Little-endian writer. */
    private static final class Out extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            scratch.clear();
            scratch.putShort((short) v);
            write(scratch.array(), 0, 2);
        }

        void u32(int v) {
            scratch.clear();
            scratch.putInt(v);
            write(scratch.array(), 0, 4);
        }

        void u64(long v) {
            scratch.clear();
            scratch.putLong(v);
            write(scratch.array(), 0, 8);
        }

        void longs(long[] v) {
            for (long x : v) {
                u64(x);
            }
        }
    }

    /** Bounds-checked little-endian reader; every short read is MALFORMED. */
    private static final class In {
        private final ByteBuffer b;

        In(byte[] bytes) {
            b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        int remaining() {
            return b.remaining();
        }

        private void need(int n) throws MalformedProofException {
            if (b.remaining() < n) {
                throw malformed("truncated: offset=" + b.position() + ", need=" + n + ", remaining=" + b.remaining());
            }
        }

        byte[] bytes(int n) throws MalformedProofException {
            need(n);
            byte[] out = new byte[n];
            b.get(out);
            return out;
        }

        int u8() throws MalformedProofException {
            need(1);
            return b.get() & 0xFF;
        }

        int u16() throws MalformedProofException {
            need(2);
            return b.getShort() & 0xFFFF;
        }

        long u32() throws MalformedProofException {
            need(4);
            return b.getInt() & 0xFFFF_FFFFL;
        }

        long u64() throws MalformedProofException {
            need(8);
            return b.getLong();
        }

        long[] felts(int n) throws MalformedProofException {
            need(8 * n);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                long v = b.getLong();
                if (!Goldilocks.isCanonical(v)) {
                    throw malformed("non-canonical element: offset=" + (b.position() - 8) + ", value="
                            + Long.toUnsignedString(v));
                }
                out[i] = v;
            }
            return out;
        }
    }
}

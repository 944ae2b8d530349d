package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.AirChecker;
import dev.zisk4j.engine.air.Challenges;
import dev.zisk4j.engine.air.CheckReport;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.air.PublicValues;
import dev.zisk4j.engine.air.TraceShape;
import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import dev.zisk4j.engine.fri.FriLayerOpening;
import dev.zisk4j.engine.fri.FriProver;
import dev.zisk4j.engine.merkle.MerkleTree;
import dev.zisk4j.engine.merkle.MultiProof;
import dev.zisk4j.engine.merkle.RowSource;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.poly.Lde;
import dev.zisk4j.engine.poly.Ntt;
import dev.zisk4j.engine.transcript.Transcript;
import dev.zisk4j.engine.transcript.TranscriptTag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The generic STARK prover for any {@link Air} (design §4.1). Deterministic: the same inputs give
 * byte-identical proofs. Two entry styles:
 * <ul>
 *   <li>{@link #prove(Air, long[][], long[])}: one call, challenges from its own transcript;</li>
 *   <li>{@link #commitMain} then {@link #provePhase2}: the split distributed proving needs — the caller binds
 *       {@link MainCommitment#mainRoot()} into its own transcript, draws the challenges, and hands both over.</li>
 * </ul>
 * Thread-safe: all state lives in the call; work runs on the given {@link Workers}.
 */
public final class StarkProver {
    private final ProofOptions options;
    private final Workers workers;
    private final Consumer<String> progress;

    public StarkProver(ProofOptions options, Workers workers) {
        this(options, workers, phase -> { });
    }

    /** @param progress receives a short phase name as each phase starts (for CLI progress output) */
    public StarkProver(ProofOptions options, Workers workers, Consumer<String> progress) {
        this.options = options;
        this.workers = workers;
        this.progress = progress;
    }

    public ProofOptions options() {
        return options;
    }

    /**
     * Proves that {@code main} satisfies {@code air} with the given base public values.
     *
     * @throws ProvingException          if the trace does not satisfy the constraints (names constraint and row)
     * @throws IllegalArgumentException  if the trace shape or public-value count does not fit the AIR
     */
    public StarkProof prove(Air air, long[][] main, long[] basePublics) {
        MainCommitment mc = commitMain(air, main);
        Transcript t = StarkProtocol.open(air, mc.shape, basePublics);
        Challenges ch = StarkProtocol.bindMainAndDraw(t, mc.shape, mc.preRoot(), mc.mainRoot(),
                air.constraints().challengeNames().size());
        PublicValues pub = new PublicValues(basePublics, air.extPublics(basePublics, ch));
        return provePhase2(mc, ch, pub, t);
    }

    /**
     * Phase 1: LDE and Merkle commitment of the preprocessed and main columns.
     *
     * @throws IllegalArgumentException if the trace shape does not fit the AIR or the options
     */
    public MainCommitment commitMain(Air air, long[][] main) {
        ConstraintSystem cs = air.constraints();
        int rows = main.length == 0 ? 0 : main[0].length;
        long[][] pre = air.preprocessed(rows);
        TraceShape.check(cs, pre, main, null);
        ProofShape shape = ProofShape.of(cs, Integer.numberOfTrailingZeros(rows), options);
        Ntt ntt = new Ntt(shape.logLde());
        int ldeRows = 1 << shape.logLde();
        progress.accept("commit-main");
        Lde.Extended preExt = Lde.extend(ntt, workers, pre, options.logBlowup());
        MerkleTree preTree = shape.nPre() > 0
                ? MerkleTree.build(RowSource.columns(preExt.evaluations()), ldeRows, workers) : null;
        Lde.Extended mainExt = Lde.extend(ntt, workers, main, options.logBlowup());
        MerkleTree mainTree = MerkleTree.build(RowSource.columns(mainExt.evaluations()), ldeRows, workers);
        return new MainCommitment(air, shape, pre, main, preExt, mainExt, preTree, mainTree);
    }

    /**
     * Phase 2: aux columns, quotient, DEEP, FRI and queries. The caller's transcript must already bind the
     * main root (and whatever the challenges depend on); the challenges must have been drawn from it.
     *
     * @throws ProvingException         if the trace (with these challenges) does not satisfy the constraints
     * @throws IllegalArgumentException if challenge or public-value counts do not match the AIR
     */
    public StarkProof provePhase2(MainCommitment mc, Challenges ch, PublicValues pub, Transcript t) {
        ProofShape s = mc.shape;
        Air air = mc.air;
        ConstraintSystem cs = air.constraints();
        cs.checkBindings(ch, pub);
        int logN = s.logN();
        int n = s.rows();
        int logLde = s.logLde();
        int n0 = 1 << logLde;
        Ntt ntt = new Ntt(logLde);
        ExtField f = options.extension();
        int d = f.degree();
        if (ch.field() != f) {
            throw new IllegalArgumentException("challenges are not in the options' field: challengeDegree="
                    + ch.field().degree() + ", optionsDegree=" + d);
        }

        t.absorbLongs(TranscriptTag.PUBLIC_EXT, pub.ext());
        progress.accept("aux");
        long[][] auxTrace = air.buildAux(mc.preTrace, mc.mainTrace, ch, pub);
        TraceShape.check(cs, mc.preTrace, mc.mainTrace, auxTrace, d);
        Lde.Extended auxExt = Lde.extend(ntt, workers, auxTrace, options.logBlowup());
        MerkleTree auxTree = null;
        if (s.nAux() > 0) {
            auxTree = MerkleTree.build(RowSource.columns(auxExt.evaluations()), n0, workers);
            t.absorb(TranscriptTag.AUX_ROOT, auxTree.root());
        }
        Ext lambda = t.squeezeExt(f);

        progress.accept("quotient");
        long[] xs = ldePoints(logLde);
        int logQ = QuotientEvaluator.logQuotientBlowup(cs.maxDegree());
        long[][] q = QuotientEvaluator.evaluate(cs, s, mc.pre.evaluations(), mc.main.evaluations(),
                auxExt.evaluations(), ch, pub, lambda, ldePoints(logN + logQ), workers);
        workers.forEach(d, c -> Lde.interpolateCoset(ntt, q[c]));
        int limit = s.nChunks() * n;
        for (long[] qc : q) {
            for (int i = limit; i < qc.length; i++) {
                if (qc[i] != 0) {
                    CheckReport r = AirChecker.check(cs, mc.preTrace, mc.mainTrace, auxTrace, ch, pub);
                    throw new ProvingException("trace does not satisfy the AIR " + air.name() + ": " + r);
                }
            }
        }
        long[][] chunkCoeffs = new long[d * s.nChunks()][];
        for (int k = 0; k < s.nChunks(); k++) {
            for (int c = 0; c < d; c++) {
                chunkCoeffs[d * k + c] = java.util.Arrays.copyOfRange(q[c], k * n, (k + 1) * n);
            }
        }
        long[][] comp = new long[chunkCoeffs.length][];
        long[][] cosetPowers = Lde.cosetPowers(n, options.logBlowup());
        workers.forEach(comp.length,
                i -> comp[i] = Lde.evaluateOnCosets(ntt, chunkCoeffs[i], options.logBlowup(), cosetPowers));
        MerkleTree compTree = MerkleTree.build(RowSource.columns(comp), n0, workers);
        t.absorb(TranscriptTag.COMP_ROOT, compTree.root());

        progress.accept("deep");
        Ext z = StarkProtocol.drawOodPoint(t, f);
        Ext zw = z.mul(Goldilocks.rootOfUnity(logN));
        long[][] zPow = Lde.powers(z, n);
        long[][] zwPow = Lde.powers(zw, n);
        long[] oodCur = new long[d * s.curCount()];
        long[][] preCo = mc.pre.coefficients();
        long[][] mainCo = mc.main.coefficients();
        long[][] auxCo = auxExt.coefficients();
        workers.forEach(s.curCount(), j -> {
            Ext v = j < s.nPre() ? Lde.dot(preCo[j], zPow, f)
                    : j < s.nPre() + s.nMain() ? Lde.dot(mainCo[j - s.nPre()], zPow, f)
                    : Lde.extAt(auxCo, d * (j - s.nPre() - s.nMain()), zPow, f);
            f.write(v, oodCur, d * j);
        });
        int[] nextCols = StarkProtocol.concatIndices(s);
        long[] oodNext = new long[d * s.nextCount()];
        workers.forEach(nextCols.length, e -> {
            int flat = nextCols[e];
            Ext v = flat < s.nPre() ? Lde.dot(preCo[flat], zwPow, f)
                    : flat < s.nPre() + s.nMain() ? Lde.dot(mainCo[flat - s.nPre()], zwPow, f)
                    : Lde.extAt(auxCo, d * (flat - s.nPre() - s.nMain()), zwPow, f);
            f.write(v, oodNext, d * e);
        });
        long[] oodQuot = new long[d * s.nChunks()];
        for (int k = 0; k < s.nChunks(); k++) {
            f.write(Lde.extAt(chunkCoeffs, d * k, zPow, f), oodQuot, d * k);
        }
        t.absorbLongs(TranscriptTag.OOD_VALUES, StarkProtocol.concat(oodCur, oodNext, oodQuot));
        Ext delta = t.squeezeExt(f);

        List<DeepComposer.Term> cur = new ArrayList<>();
        for (long[] c : mc.pre.evaluations()) {
            cur.add(new DeepComposer.Term(c));
        }
        for (long[] c : mc.main.evaluations()) {
            cur.add(new DeepComposer.Term(c));
        }
        long[][] auxE = auxExt.evaluations();
        for (int j = 0; j < s.nAux(); j++) {
            cur.add(new DeepComposer.Term(java.util.Arrays.copyOfRange(auxE, d * j, d * j + d)));
        }
        for (int k = 0; k < s.nChunks(); k++) {
            cur.add(new DeepComposer.Term(java.util.Arrays.copyOfRange(comp, d * k, d * k + d)));
        }
        List<DeepComposer.Term> next = new ArrayList<>();
        for (int j : s.preNext()) {
            next.add(new DeepComposer.Term(mc.pre.evaluations()[j]));
        }
        for (int j : s.mainNext()) {
            next.add(new DeepComposer.Term(mc.main.evaluations()[j]));
        }
        for (int j : s.auxNext()) {
            next.add(new DeepComposer.Term(java.util.Arrays.copyOfRange(auxE, d * j, d * j + d)));
        }
        long[][] deep = DeepComposer.compose(cur, next, StarkProtocol.concat(oodCur, oodQuot), oodNext, xs, z, zw,
                delta, workers);

        progress.accept("fri");
        FriProver fri = new FriProver(ntt, workers, deep, logN, t);
        progress.accept("grind");
        long nonce = t.grind(options.grindingBits());
        t.absorbLongs(TranscriptTag.POW_NONCE, nonce);
        int[] queries = StarkProtocol.drawQueries(t, options.numQueries(), logLde);

        progress.accept("open");
        TreeOpening preOpen = s.nPre() > 0 ? open(mc.pre.evaluations(), mc.preTree, queries) : empty(queries.length);
        TreeOpening mainOpen = open(mc.main.evaluations(), mc.mainTree, queries);
        TreeOpening auxOpen = s.nAux() > 0 ? open(auxE, auxTree, queries) : empty(queries.length);
        TreeOpening compOpen = open(comp, compTree, queries);
        List<FriLayerOpening> friOpen = fri.open(queries);
        progress.accept("done");
        return new StarkProof(s, mc.mainRoot(), auxTree == null ? new byte[0] : auxTree.root(), compTree.root(),
                oodCur, oodNext, oodQuot, fri.roots(), fri.remainder(), nonce, queries, preOpen, mainOpen, auxOpen,
                compOpen, friOpen);
    }

    private long[] ldePoints(int logLde) {
        int n0 = 1 << logLde;
        long[] xs = new long[n0];
        long w = Goldilocks.rootOfUnity(logLde);
        workers.forRanges(n0, 4096, (from, to) -> {
            long x = Goldilocks.mul(Lde.SHIFT, Goldilocks.pow(w, from));
            for (int i = from; i < to; i++) {
                xs[i] = x;
                x = Goldilocks.mul(x, w);
            }
        });
        return xs;
    }

    private static TreeOpening open(long[][] cols, MerkleTree tree, int[] queries) {
        long[][] rows = new long[queries.length][cols.length];
        for (int q = 0; q < queries.length; q++) {
            for (int c = 0; c < cols.length; c++) {
                rows[q][c] = cols[c][queries[q]];
            }
        }
        return new TreeOpening(rows, tree.open(queries));
    }

    private static TreeOpening empty(int q) {
        return new TreeOpening(new long[q][0], new MultiProof(List.of()));
    }
}

package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.ColumnKind;
import dev.zisk4j.engine.air.ConstraintSystem;
import dev.zisk4j.engine.fri.FriFolding;
import dev.zisk4j.engine.merkle.MerkleTree;

/**
 * Everything the proof layout depends on, derived from the AIR, the trace size and the options: column
 * counts, which columns are opened on the next row, the number of quotient chunks and FRI layers.
 */
public record ProofShape(int logN, ProofOptions options, int nPre, int nMain, int nAux, int nChunks, int[] preNext,
        int[] mainNext, int[] auxNext, int friLayers, int remainderDegree) {
    /** Largest supported LDE domain: 2^24 points, the largest Merkle tree ({@link MerkleTree#MAX_LOG_LEAVES}). */
    public static final int MAX_LOG_LDE = MerkleTree.MAX_LOG_LEAVES;
    /** Largest supported trace: 2^23 rows (blowup is at least 2, so the LDE stays within 2^24 points). */
    public static final int MAX_LOG_N = MAX_LOG_LDE - 1;
    /** Smallest supported trace: 8 rows. */
    public static final int MIN_LOG_N = 3;

    /** @throws IllegalArgumentException if the AIR's degree does not fit the blowup or logN is out of range */
    public static ProofShape of(ConstraintSystem cs, int logN, ProofOptions o) {
        if (logN < MIN_LOG_N || logN > MAX_LOG_N || logN + o.logBlowup() > MAX_LOG_LDE) {
            throw new IllegalArgumentException("trace size out of range: logN=" + logN + ", logBlowup=" + o.logBlowup()
                    + ", max logN+logBlowup=" + MAX_LOG_LDE);
        }
        if (cs.maxDegree() > o.blowup()) {
            throw new IllegalArgumentException("AIR degree exceeds the blowup: maxDegree=" + cs.maxDegree()
                    + ", blowup=" + o.blowup());
        }
        int layers = FriFolding.layerCount(logN);
        return new ProofShape(logN, o, cs.columnCount(ColumnKind.PRE), cs.columnCount(ColumnKind.MAIN),
                cs.columnCount(ColumnKind.AUX), cs.quotientChunks(), cs.nextColumns(ColumnKind.PRE),
                cs.nextColumns(ColumnKind.MAIN), cs.nextColumns(ColumnKind.AUX), layers, 1 << (logN - 2 * layers));
    }

    public int rows() {
        return 1 << logN;
    }

    public int logLde() {
        return logN + options.logBlowup();
    }

    /** Values opened at z: every pre, main and aux column (each an ext value). */
    public int curCount() {
        return nPre + nMain + nAux;
    }

    /** Values opened at z·ω: the columns read on the next row. */
    public int nextCount() {
        return preNext.length + mainNext.length + auxNext.length;
    }
}

package dev.zisk4j.engine.stark;

import dev.zisk4j.engine.air.Air;
import dev.zisk4j.engine.air.ColumnKind;
import dev.zisk4j.engine.air.TraceShape;
import dev.zisk4j.engine.merkle.MerkleTree;
import dev.zisk4j.engine.merkle.RowSource;
import dev.zisk4j.engine.parallel.Workers;
import dev.zisk4j.engine.poly.Lde;
import dev.zisk4j.engine.poly.Ntt;

/**
 * What the verifier trusts: the AIR, the proof shape (trace size and options) and the root of the
 * preprocessed columns' LDE (empty when there are none). Computing it costs one LDE of the preprocessed
 * columns; cache it per (AIR, size, options).
 */
public record VerifyingKey(Air air, ProofShape shape, byte[] preRoot) {
    /**
     * @throws IllegalArgumentException if the AIR does not fit the size/options or its preprocessed columns are malformed
     */
    public static VerifyingKey of(Air air, int logN, ProofOptions options, Workers workers) {
        ProofShape shape = ProofShape.of(air.constraints(), logN, options);
        if (shape.nPre() == 0) {
            return new VerifyingKey(air, shape, new byte[0]);
        }
        long[][] pre = air.preprocessed(shape.rows());
        checkPre(air, pre, shape.rows());
        Lde.Extended ext = Lde.extend(new Ntt(shape.logLde()), workers, pre, options.logBlowup());
        return new VerifyingKey(air, shape, MerkleTree.build(RowSource.columns(ext.evaluations()),
                1 << shape.logLde(), workers).root());
    }

    static void checkPre(Air air, long[][] pre, int rows) {
        int expected = air.constraints().columnCount(ColumnKind.PRE);
        if (pre.length != expected) {
            throw new IllegalArgumentException("preprocessed column count mismatch: expected=" + expected
                    + ", actual=" + pre.length);
        }
        long[][] fakeMain = new long[air.constraints().columnCount(ColumnKind.MAIN)][rows];
        TraceShape.check(air.constraints(), pre, fakeMain, null);
    }
}

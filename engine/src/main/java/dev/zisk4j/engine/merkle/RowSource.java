package dev.zisk4j.engine.merkle;

/** Supplies the field elements of each Merkle leaf (one LDE row, or one FRI coset). Must be thread-safe for reads. */
public interface RowSource {
    /** Field elements per leaf. */
    int width();

    /** Writes leaf i's elements into out[0..width). */
    void row(int i, long[] out);

    /** Leaves whose elements are the columns' values at row i, in column order (aux pairs give c0, c1 per column). */
    static RowSource columns(long[][] cols) {
        return new RowSource() {
            @Override
            public int width() {
                return cols.length;
            }

            @Override
            public void row(int i, long[] out) {
                for (int c = 0; c < cols.length; c++) {
                    out[c] = cols[c][i];
                }
            }
        };
    }
}

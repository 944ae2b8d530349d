package dev.zisk4j.engine.merkle;

/** Supplies the field elements of each Merkle leaf (one LDE row, or one FRI coset). Must be thread-safe for reads. */
public interface RowSource {
    /** Field elements per leaf. */
    int width();

    /** Writes leaf i's elements into out[0..width). */
    void row(int i, long[] out);

    /**
     * Writes leaves from..from+count−1 row after row into out (count·width elements). Column-major sources
     * override this to copy each column's run sequentially instead of touching every column per row.
     */
    default void rows(int from, int count, long[] out) {
        int w = width();
        long[] row = new long[w];
        for (int r = 0; r < count; r++) {
            row(from + r, row);
            System.arraycopy(row, 0, out, r * w, w);
        }
    }

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

            @Override
            public void rows(int from, int count, long[] out) {
                int w = cols.length;
                for (int c = 0; c < w; c++) {
                    long[] col = cols[c];
                    for (int r = 0, o = c; r < count; r++, o += w) {
                        out[o] = col[from + r];
                    }
                }
            }
        };
    }
}

package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Ext2;
import java.util.Arrays;
import java.util.List;

/** The extension-field challenges of an AIR, in declaration order, stored as interleaved (c0, c1) pairs. */
public record Challenges(long[] values) {
    public static final Challenges NONE = new Challenges(new long[0]);

    public Challenges {
        values = values.clone();
        if ((values.length & 1) != 0) {
            throw new IllegalArgumentException("challenge array must hold (c0,c1) pairs: length=" + values.length);
        }
    }

    public static Challenges of(List<Ext2> list) {
        long[] v = new long[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            v[2 * i] = list.get(i).c0();
            v[2 * i + 1] = list.get(i).c1();
        }
        return new Challenges(v);
    }

    public int size() {
        return values.length / 2;
    }

    public Ext2 get(int i) {
        return new Ext2(values[2 * i], values[2 * i + 1]);
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Challenges c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Challenges" + Arrays.toString(values);
    }
}

package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Ext2;
import dev.zisk4j.engine.field.Goldilocks;
import java.util.Arrays;

/**
 * The public values of one proof: base-field values in declaration order, and extension values as
 * interleaved (c0, c1) pairs. Every element is checked canonical.
 */
public record PublicValues(long[] base, long[] ext) {
    public static final PublicValues NONE = new PublicValues(new long[0], new long[0]);

    public PublicValues {
        base = base.clone();
        ext = ext.clone();
        if ((ext.length & 1) != 0) {
            throw new IllegalArgumentException("ext publics must be (c0,c1) pairs: length=" + ext.length);
        }
        for (long v : base) {
            Goldilocks.checked(v);
        }
        for (long v : ext) {
            Goldilocks.checked(v);
        }
    }

    public static PublicValues ofBase(long... base) {
        return new PublicValues(base, new long[0]);
    }

    public long base(int i) {
        return base[i];
    }

    public Ext2 ext(int i) {
        return new Ext2(ext[2 * i], ext[2 * i + 1]);
    }

    public int baseCount() {
        return base.length;
    }

    public int extCount() {
        return ext.length / 2;
    }

    @Override
    public long[] base() {
        return base.clone();
    }

    @Override
    public long[] ext() {
        return ext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicValues p && Arrays.equals(base, p.base) && Arrays.equals(ext, p.ext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(base) + Arrays.hashCode(ext);
    }

    @Override
    public String toString() {
        return "PublicValues[base=" + Arrays.toString(base) + ", ext=" + Arrays.toString(ext) + "]";
    }
}

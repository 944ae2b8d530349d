package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import dev.zisk4j.engine.field.Goldilocks;
import java.util.Arrays;

/**
 * The public values of one proof: base-field values in declaration order, and extension values as
 * interleaved d-tuples (c0, c1[, c2]) of the proof's extension field. Every element is checked canonical.
 */
public record PublicValues(long[] base, long[] ext) {
    public static final PublicValues NONE = new PublicValues(new long[0], new long[0]);

    public PublicValues {
        base = base.clone();
        ext = ext.clone();
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

    /** Ext public i, read as an element of {@code field}. */
    public Ext ext(int i, ExtField field) {
        return field.read(ext, field.degree() * i);
    }

    public int baseCount() {
        return base.length;
    }

    /** The number of ext publics if they are elements of {@code field}, or −1 if the length does not divide. */
    public int extCount(ExtField field) {
        return ext.length % field.degree() == 0 ? ext.length / field.degree() : -1;
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

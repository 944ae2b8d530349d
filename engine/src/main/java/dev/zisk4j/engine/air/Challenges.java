package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Ext;
import dev.zisk4j.engine.field.ExtField;
import java.util.Arrays;
import java.util.List;

/**
 * The extension-field challenges of an AIR, in declaration order, stored as interleaved d-tuples (c0, c1[, c2])
 * of their field's components. The field is the one the proof's options choose.
 */
public record Challenges(ExtField field, long[] values) {
    /** No challenges, over the quadratic field (for AIRs without challenges checked without a proof). */
    public static final Challenges NONE = none(ExtField.QUADRATIC);

    /** @throws IllegalArgumentException unless the values are whole d-tuples */
    public Challenges {
        values = values.clone();
        if (values.length % field.degree() != 0) {
            throw new IllegalArgumentException("challenge array must hold " + field.degree() + "-tuples: length="
                    + values.length);
        }
    }

    /** No challenges over {@code field}. */
    public static Challenges none(ExtField field) {
        return new Challenges(field, new long[0]);
    }

    /** @throws IllegalArgumentException if the list mixes fields */
    public static Challenges of(ExtField field, List<Ext> list) {
        long[] v = new long[list.size() * field.degree()];
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).field() != field) {
                throw new IllegalArgumentException("challenge " + i + " is not in " + field);
            }
            field.write(list.get(i), v, field.degree() * i);
        }
        return new Challenges(field, v);
    }

    public int size() {
        return values.length / field.degree();
    }

    public Ext get(int i) {
        return field.read(values, field.degree() * i);
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Challenges c && c.field == field && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + field.degree();
    }

    @Override
    public String toString() {
        return "Challenges[degree=" + field.degree() + ", " + Arrays.toString(values) + "]";
    }
}

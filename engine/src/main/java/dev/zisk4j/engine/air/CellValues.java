package dev.zisk4j.engine.air;

import dev.zisk4j.engine.field.Ext;

/** The value of every trace column at one (extension-field) point and at the next-row point. */
@FunctionalInterface
public interface CellValues {
    /** Value of column (kind, index) at z, or at z·ω when {@code next}. */
    Ext value(ColumnKind kind, int index, boolean next);
}

package dev.zisk4j.engine.air;

/** Where a trace column lives: preprocessed (fixed by the AIR), main (witness), aux (extension, after challenges). */
public enum ColumnKind {
    /** Base-field columns fixed by the AIR and its parameters (part of the verifying key). */
    PRE,
    /** Base-field witness columns, committed before any challenge is drawn. */
    MAIN,
    /** Extension-field columns built from main, pre and the challenges. */
    AUX
}

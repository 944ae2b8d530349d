package dev.zisk4j.engine.smt;

/** The tree reached a node hash whose pre-image its {@link NodeStore} does not hold. */
public final class MissingNodeException extends RuntimeException {
    private final Hash4 hash;

    public MissingNodeException(Hash4 hash) {
        super("the node store has no pre-image for node " + hash);
        this.hash = hash;
    }

    public Hash4 hash() {
        return hash;
    }
}

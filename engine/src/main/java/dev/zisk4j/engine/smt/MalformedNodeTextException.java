package dev.zisk4j.engine.smt;

/** Node pre-images in text form that are malformed or do not hash to their keys; the message names the entry. */
public final class MalformedNodeTextException extends Exception {
    public MalformedNodeTextException(String message) {
        super(message);
    }
}

package dev.zisk4j.engine.smt;

/** A leaf's pre-image: the key bits its path did not consume, and the hash of its value. */
public record SmtLeaf(Hash4 remainingKey, Hash4 valueHash) {}

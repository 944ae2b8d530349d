package dev.zisk4j.cluster.store;

/** What a job computes. */
public enum JobKind {
  PROVE, EXECUTE, SETUP
}

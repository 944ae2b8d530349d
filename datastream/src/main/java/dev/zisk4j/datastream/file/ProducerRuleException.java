package dev.zisk4j.datastream.file;

/**
 * A call broke a rule of the producer API (spec §5); {@link #rule()} says which one. These are
 * caller bugs: the stream is unchanged by the failed call.
 */
public final class ProducerRuleException extends IllegalStateException {
  /** The rules of spec §5, one per kind of violation. */
  public enum Rule {
    /** add/commit/rollback while the calling thread has no atomic operation open. */
    NO_ATOMIC_OP,
    /** startAtomicOp while the calling thread already has one open, or truncate/update inside one. */
    ATOMIC_OP_IN_PROGRESS,
    /** truncate(n) or updateEntryData(n) with n not below the next entry number. */
    ENTRY_NOT_COMMITTED,
    /** updateEntryData on an entry of the operation in progress. */
    ENTRY_IN_CURRENT_OP,
    /** updateEntryData with another entry type. */
    TYPE_CHANGED,
    /** updateEntryData with another data length. */
    SIZE_CHANGED,
    /** an entry longer than one data page (1 MiB including its 17-byte prefix). */
    ENTRY_TOO_LARGE,
    /** a producer call on a stream opened read-only. */
    READ_ONLY,
    /** any call after close(). */
    CLOSED
  }

  private final Rule rule;

  public ProducerRuleException(Rule rule, String message) {
    super(rule + ": " + message);
    this.rule = rule;
  }

  public Rule rule() {
    return rule;
  }
}

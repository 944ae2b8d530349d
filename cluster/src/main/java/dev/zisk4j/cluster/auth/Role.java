package dev.zisk4j.cluster.auth;

import java.util.Locale;

/** What an authenticated caller may do (cluster.md §5). */
public enum Role {
  /** ProverStream only. */
  WORKER,
  /** The client API on its own jobs, and the read-only admin calls. */
  CLIENT,
  /** Everything a client may, on any job, plus the mutating admin calls. */
  ADMIN;

  /**
   * The role named {@code text} ({@code worker}, {@code client}, {@code admin}).
   *
   * @throws IllegalArgumentException naming the text and the roles
   */
  public static Role of(String text) {
    for (Role r : values()) {
      if (r.name().toLowerCase(Locale.ROOT).equals(text)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role " + text + " (worker, client or admin)");
  }

  /** The lower-case name used in the access file. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.zisk4j.cli.datastream;

/**
 * The client's {@code --sanity-check}: entry numbers must arrive dense and in order. Reports each
 * gap and each repeat (as dsapp's sanity check does) and keeps counts. Thread-safe: the stream's
 * reader thread feeds it while progress lines and the exit summary read it.
 */
final class SequenceCheck {
  private long expected = -1;
  private long received;
  private long gaps;
  private long repeats;

  /** Checks the next number; returns a problem line, or null when it is the expected one. */
  synchronized String accept(long number) {
    received++;
    String problem = null;
    if (expected >= 0 && number > expected) {
      gaps++;
      problem = "GAP: expected entry " + expected + ", got " + number + " (" + (number - expected) + " missing)";
    } else if (expected >= 0 && number < expected) {
      repeats++;
      problem = "REPEATED: entry " + number + " (expected " + expected + ")";
    }
    if (number >= expected) {
      expected = number + 1;
    }
    return problem;
  }

  synchronized boolean ok() {
    return gaps == 0 && repeats == 0;
  }

  private long receivedAtLastProgress;

  /** A progress line: what arrived so far, and the rate since the previous line ({@code seconds} ago). */
  synchronized String progress(double seconds) {
    double rate = seconds > 0 ? (received - receivedAtLastProgress) / seconds : 0.0;
    receivedAtLastProgress = received;
    return String.format(java.util.Locale.ROOT, "progress: received=%d, gaps=%d, repeats=%d%s, %.0f entries/s", received,
        gaps, repeats, expected >= 0 ? ", last=" + (expected - 1) : ", nothing yet", rate);
  }

  synchronized String summary() {
    return "SANITY CHECK: received=" + received + ", gaps=" + gaps + ", repeats=" + repeats
        + (expected >= 0 ? ", last=" + (expected - 1) : "") + (ok() ? ", OK" : ", FAILED");
  }
}

package dev.zisk4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal ({@code \r}-redrawn), or, when the output is not a terminal,
 * one line per 5 % of progress (so CI logs stay short while still showing where the time goes).
 * Thread-safe.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter out;
  private final boolean terminal;
  private String lastPhase = "";
  private int lastPercent = -1;
  private int lastPrinted = -100;

  public ProgressBar(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** True when stderr is an interactive terminal (the JVM's console). */
  public static boolean stderrIsTerminal() {
    return System.console() != null && System.console().isTerminal();
  }

  /** Shows {@code percent} (0..100) and the current phase. */
  public synchronized void update(int percent, String phase) {
    if (percent == lastPercent && phase.equals(lastPhase)) {
      return;
    }
    if (terminal) {
      int filled = percent * WIDTH / 100;
      out.printf(Locale.ROOT, "\r[%s%s] %3d%% %-40.40s", "#".repeat(filled), " ".repeat(WIDTH - filled), percent, phase);
    } else if (percent >= lastPrinted + 5 || (percent == 100 && lastPrinted < 100)) {
      out.printf(Locale.ROOT, "[%3d%%] %s%n", percent, phase);
      lastPrinted = percent;
    }
    out.flush();
    lastPercent = percent;
    lastPhase = phase;
  }

  /** Ends the bar's line. */
  public synchronized void done() {
    if (terminal) {
      out.println();
      out.flush();
    }
  }
}

package dev.zisk4j.bench.io;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Logback's default (no config in benchmarks.jar) is DEBUG on the console, which would dominate I/O benchmarks. */
final class QuietLogging {
  private QuietLogging() {}

  static void apply() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
  }
}

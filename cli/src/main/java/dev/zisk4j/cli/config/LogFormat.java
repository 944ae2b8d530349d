package dev.zisk4j.cli.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format text|json} of every server (cluster.md §6): switches the encoder of the
 * console appenders logback.xml defines, so the same events (with their MDC: job_id, worker_id,
 * task, attempt) come out as one JSON object per line for a log collector, or as text.
 */
public enum LogFormat {
  TEXT, JSON;

  /** The pattern logback.xml's console appender uses (kept in step with it). */
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %msg%n";

  /**
   * Parses {@code text} or {@code json} (any case).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static LogFormat of(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log format '" + value + "': expected text or json");
    }
  }

  /** Re-encodes every console appender of the root logger in this format; a no-op without logback. */
  public void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    Iterator<Appender<ILoggingEvent>> it = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    while (it.hasNext()) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out) {
        Encoder<ILoggingEvent> encoder = encoder(ctx);
        out.setEncoder(encoder);
      }
    }
  }

  private Encoder<ILoggingEvent> encoder(LoggerContext ctx) {
    if (this == JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(ctx);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(ctx);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }
}

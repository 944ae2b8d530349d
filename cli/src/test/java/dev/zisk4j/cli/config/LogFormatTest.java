package dev.zisk4j.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** --log-format switches the console encoder logback.xml sets up; JSON lines carry the MDC. */
class LogFormatTest {
  private static OutputStreamAppender<ILoggingEvent> console() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    var it = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    while (it.hasNext()) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out) {
        return out;
      }
    }
    throw new AssertionError("logback.xml defines no console appender");
  }

  private static String encode(String message, Map<String, String> mdc) {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.zisk4j.cluster.coordinator.Dispatcher");
    LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
    e.setMDCPropertyMap(mdc);
    return new String(console().getEncoder().encode(e), StandardCharsets.UTF_8);
  }

  @AfterEach
  void backToText() {
    LogFormat.TEXT.apply();
  }

  @Test
  void jsonLinesCarryTheMdcAndTextComesBack() throws Exception {
    LogFormat.JSON.apply();
    String line = encode("job j1 completed", Map.of("job_id", "j1", "worker_id", "w0", "task", "prove/2",
        "attempt", "1"));
    assertThat(line.strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("message").asText()).isEqualTo("job j1 completed");
    assertThat(json.get("mdc").get("job_id").asText()).isEqualTo("j1");
    assertThat(json.get("mdc").get("task").asText()).isEqualTo("prove/2");

    LogFormat.TEXT.apply();
    String text = encode("job j1 completed", Map.of("job_id", "j1"));
    assertThat(text).contains("INFO").endsWith("job j1 completed" + System.lineSeparator());
  }

  @Test
  void onlyTextAndJsonAreFormats() {
    assertThat(LogFormat.of(" JSON ")).isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogFormat.of("xml")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log format 'xml': expected text or json");
  }
}

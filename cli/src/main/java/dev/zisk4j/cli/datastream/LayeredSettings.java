package dev.zisk4j.cli.datastream;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves one setting from, in order of precedence: the command-line flag, the environment
 * ({@code ZISK4J_DATASTREAM_<KEY>}, key upper-cased with '-' as '_'), the properties file
 * ({@code key=value}, keys as the flag names without dashes, e.g. {@code max-clients=2000}), then the
 * built-in default. Flags win.
 */
final class LayeredSettings {
  static final String ENV_PREFIX = "ZISK4J_DATASTREAM_";

  private final Properties file;
  private final Map<String, String> env;

  LayeredSettings(Properties file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  /**
   * Loads the properties file (if given) and takes the process environment.
   *
   * @throws IOException naming the file when it cannot be read
   */
  static LayeredSettings load(Path configFile, Map<String, String> env) throws IOException {
    Properties p = new Properties();
    if (configFile != null) {
      try (Reader r = Files.newBufferedReader(configFile)) {
        p.load(r);
      } catch (IOException e) {
        throw new IOException("cannot read config file: file=" + configFile + ": " + e.getMessage(), e);
      }
    }
    return new LayeredSettings(p, env);
  }

  /** The environment variable name for {@code key}. */
  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The winning raw value, or {@code fallback}. */
  String string(String key, String flag, String fallback) {
    if (flag != null) {
      return flag;
    }
    String e = env.get(envName(key));
    if (e != null && !e.isBlank()) {
      return e.trim();
    }
    String f = file.getProperty(key);
    if (f != null && !f.isBlank()) {
      return f.trim();
    }
    return fallback;
  }

  /** An integer setting; throws IllegalArgumentException naming key and value when not a number. */
  int integer(String key, Integer flag, int fallback) {
    String v = string(key, flag == null ? null : flag.toString(), Integer.toString(fallback));
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("not an integer: " + key + "=" + v);
    }
  }

  /** A duration in milliseconds. */
  Duration millis(String key, Long flagMillis, Duration fallback) {
    String v = string(key, flagMillis == null ? null : flagMillis.toString(), Long.toString(fallback.toMillis()));
    try {
      return Duration.ofMillis(Long.parseLong(v));
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("not a number of milliseconds: " + key + "=" + v);
    }
  }
}
